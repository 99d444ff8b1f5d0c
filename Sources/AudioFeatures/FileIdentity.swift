import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a file: if none of it changed, neither did the bytes (for our purposes),
/// so a content hash remembered under this identity can be reused without reading the file.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var mtimeNanos: Int64
    var ctimeNanos: Int64

    init(device: UInt64, inode: UInt64, size: Int64, mtimeNanos: Int64, ctimeNanos: Int64) {
        self.device = device; self.inode = inode; self.size = size
        self.mtimeNanos = mtimeNanos; self.ctimeNanos = ctimeNanos
    }

    /// nil when the file cannot be stat'ed (missing, no permission).
    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        #if canImport(Darwin)
        let m = st.st_mtimespec, c = st.st_ctimespec
        #else
        let m = st.st_mtim, c = st.st_ctim
        #endif
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  mtimeNanos: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
                  ctimeNanos: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec))
    }
}
