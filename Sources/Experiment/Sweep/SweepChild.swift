import Foundation

/// How every `soundlab run` of a sweep is started: the binary and the options they share.
public struct SweepChild: Sendable, Equatable {
    /// The soundlab executable.
    public var binary: String
    /// Folder of the run folders.
    public var runsDirectory: String
    /// Feature cache folder (shared: entries are checksummed and packs are per process).
    public var cacheDirectory: String
    /// Feature threads per run.
    public var threads: Int
    /// `--blas` mode.
    public var blas: String

    public init(binary: String, runsDirectory: String, cacheDirectory: String, threads: Int, blas: String) {
        self.binary = binary
        self.runsDirectory = runsDirectory
        self.cacheDirectory = cacheDirectory
        self.threads = threads
        self.blas = blas
    }

    /// The options every run gets; `--if-stale` so a run made current meanwhile (another sweep) is not redone.
    var commonArguments: [String] {
        ["--runs", runsDirectory, "--cache", cacheDirectory, "--threads", String(threads), "--blas", blas, "--if-stale"]
    }

    /// This process's own executable, what a sweep starts its runs with.
    public static var currentBinary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
