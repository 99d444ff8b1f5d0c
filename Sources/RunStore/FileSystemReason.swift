import Foundation

/// The reason a file-system call failed, as the one short phrase a person needs ("Not a directory",
/// "Permission denied"), not Foundation's `Error Domain=NSCocoaErrorDomain Code=512 … UserInfo={…}`.
public enum FileSystemReason {
    public static func describe(_ error: Error) -> String {
        var current: NSError? = error as NSError
        while let e = current {
            if e.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(e.code)) {
                return String(cString: strerror(code.rawValue))
            }
            current = (e.userInfo[NSUnderlyingErrorKey] as? Error).map { $0 as NSError }
        }
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
