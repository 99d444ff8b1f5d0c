import ArgumentParser
import Experiment
import Foundation
import RunStore

/// Exit codes every subcommand uses: 0 ok, 1 failed at run time, 2 bad input from the user
/// (arguments, config, missing paths), 3 some of the inputs could not be used (the rest were),
/// 130 interrupted by the user.
enum Exit {
    static let failure: Int32 = 1
    static let badInput: Int32 = 2
    static let partial: Int32 = 3
    static let interrupted: Int32 = 130

    /// The one mapping from a failure's kind to the exit status.
    static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .badInput: badInput
        case .failure: failure
        case .interrupted: interrupted
        }
    }
}

/// An error already phrased for the user, with the exit code it should produce.
struct CLIFailure: Error {
    var message: String
    var code: Int32
    init(_ message: String, code: Int32 = Exit.failure) { self.message = message; self.code = code }
}

/// Runs a subcommand body so that no error reaches the user as a trace: one `error: ...` line on
/// stderr and the matching exit code.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let failure as CLIFailure {
        printError("error: \(failure.message)")
        throw ExitCode(failure.code)
    } catch let failure as any UserFacingError {
        printError("error: \(failure.description)")
        throw ExitCode(Exit.code(for: failure.failureKind))
    } catch let error as NSError where error.userInfo[NSFilePathErrorKey] != nil {
        printError("error: \(error.userInfo[NSFilePathErrorKey]!): \(FileSystemReason.describe(error))")
        throw ExitCode(Exit.failure)
    } catch {
        printError("error: \(error)")
        throw ExitCode(Exit.failure)
    }
}

/// Writes one line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
