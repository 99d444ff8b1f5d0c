import Foundation

/// Why a run folder could not be written or read; every case names the path it concerns.
public enum RunStoreError: Error, Equatable, CustomStringConvertible {
    /// The folder does not exist.
    case missingRun(path: String)
    /// The directory that should hold runs does not exist.
    case missingRunsDirectory(path: String)
    /// The folder exists but has no `run.json` saying `"complete": true`.
    case unfinishedRun(path: String)
    /// A file exists but does not have the expected layout.
    case malformed(path: String, reason: String)
    /// `commit()` was called before every required file was written.
    case incomplete(path: String, missing: [String])
    /// A run name that cannot be a folder name (empty, a path, or hidden).
    case invalidName(String)
    /// The file system refused an operation.
    case io(path: String, reason: String)

    /// True when the user pointed at something wrong (missing, unfinished or malformed run), as
    /// opposed to the file system failing under a correct request.
    public var isBadInput: Bool {
        switch self {
        case .missingRun, .missingRunsDirectory, .unfinishedRun, .malformed, .invalidName: return true
        case .incomplete, .io: return false
        }
    }

    /// One line for the user.
    public var description: String {
        switch self {
        case .missingRun(let path): return "\(path): no such run folder"
        case .missingRunsDirectory(let path): return "\(path): no such runs directory"
        case .unfinishedRun(let path): return "\(path): not a finished run (run.json missing or not complete)"
        case .malformed(let path, let reason): return "\(path): \(reason)"
        case .incomplete(let path, let missing):
            return "\(path): run is incomplete, missing \(missing.joined(separator: ", "))"
        case .invalidName(let name): return "'\(name)': not a valid run name (no '/', not empty, not starting with '.')"
        case .io(let path, let reason): return "\(path): \(reason)"
        }
    }
}
