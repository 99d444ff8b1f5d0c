import COpenBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the BLAS underneath is: its kernels decide the last digits of every result, so runs record it.
public enum BLASInfo {
    /// OpenBLAS's core name (e.g. "Haswell", "Cooperlake").
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }
    /// Threads OpenBLAS uses for one call.
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// Sets the threads OpenBLAS uses for one call.
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }

    /// Stops OpenBLAS's own worker threads (a later threaded call starts them again). They start with the
    /// library and spin in sched_yield for about 0.1 s, a core taken from whatever the process does first;
    /// soundlab never needs them (`Pool` runs BLAS single-threaded). Looked up at run time: builds of
    /// OpenBLAS without a thread server (serial, OpenMP) may not have the symbol.
    public static func releaseIdleThreads() {
        typealias Shutdown = @convention(c) () -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }
}
