import AtomicIO
import Foundation

/// The reason a file-system call failed, as the one short phrase a person needs ("Not a directory",
/// "Permission denied"), not Foundation's `Error Domain=NSCocoaErrorDomain Code=512 … UserInfo={…}`.
public enum FileSystemReason {
    public static func describe(_ error: Error) -> String {
        if let code = AtomicFile.posixCodeIfAny(error) { return String(cString: strerror(code)) }
        let e = error as NSError
        if e.domain == NSCocoaErrorDomain {
            switch e.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "No such file or directory"
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
            case NSFileWriteOutOfSpaceError: return "No space left on device"
            case NSFileWriteVolumeReadOnlyError: return "Read-only file system"
            default: break
            }
        }
        return e.localizedFailureReason ?? e.localizedDescription
    }
}
