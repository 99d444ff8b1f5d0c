/// Why a dataset folder cannot be used, phrased as one line naming the folder or class.
///
/// `missingFolder` and `noClassFolders` stop a scan; `emptyClass` and `classMissingFromSplit` are
/// recorded on the listing as `problems` (an audit reports them, training refuses them).
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A folder the layout requires (the root or a split) does not exist or is not a folder.
    case missingFolder(path: String)
    /// A split folder holds no class sub-folders.
    case noClassFolders(path: String)
    /// A class folder holds no audio file.
    case emptyClass(split: String, className: String, path: String)
    /// A class has a folder in some splits but not in `split`.
    case classMissingFromSplit(className: String, split: String, presentIn: [String])

    /// The one-line message shown to the user.
    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "folder not found: \(path)"
        case .noClassFolders(let path):
            return "no class folders in \(path) (expected \(path)/<Class>/*.wav)"
        case .emptyClass(let split, let className, let path):
            return "class '\(className)' in \(split) has no audio files: \(path)"
        case .classMissingFromSplit(let className, let split, let presentIn):
            return "class '\(className)' is in \(presentIn.joined(separator: ", ")) but missing from \(split)"
        }
    }
}
