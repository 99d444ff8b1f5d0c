import COpenBLAS

/// What the BLAS underneath is: its kernels decide the last digits of every result, so runs record it.
public enum BLASInfo {
    /// OpenBLAS's core name (e.g. "Haswell", "Cooperlake").
    public static var coreName: String { openblas_get_corename().map { String(cString: $0) } ?? "unknown" }
    /// Threads OpenBLAS uses for one call.
    public static var threads: Int { Int(openblas_get_num_threads()) }
    /// Sets the threads OpenBLAS uses for one call.
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
