import COpenBLAS
import Foundation

/// The OpenBLAS functions soundlab calls, loaded once per process in one `BLASMode`.
///
/// OpenBLAS picks its kernel in a load-time constructor from `OPENBLAS_CORETYPE` (else from the CPU), and its
/// thread count from `OPENBLAS_NUM_THREADS`. Linked normally, it would be loaded before any soundlab code runs,
/// so the library is opened with dlopen instead, after the environment it reads has been set for the chosen
/// mode (and restored right after, so child processes see the user's environment).
public final class BLAS: @unchecked Sendable {
    /// The mode the library was loaded in.
    public let mode: BLASMode
    /// OpenBLAS's core name (`openblas_get_corename`), e.g. "Haswell" or "Cooperlake".
    public let coreName: String
    /// OpenBLAS's build description (`openblas_get_config`): version and build options.
    public let libraryConfig: String

    let sgemm: sl_cblas_sgemm_fn
    let somatcopy: sl_cblas_somatcopy_fn
    private let setNumThreads: sl_openblas_set_num_threads_fn
    private let getNumThreads: sl_openblas_get_num_threads_fn

    /// Threads OpenBLAS uses for one call (1 unless a benchmark changes it).
    public var threads: Int { Int(getNumThreads()) }
    /// Sets the threads OpenBLAS uses for one call (benchmarks only: results depend on it).
    public func setThreads(_ n: Int) { setNumThreads(Int32(n)) }

    /// Row-major C = alpha·op(A)·op(B) + beta·C on the calling thread, straight to OpenBLAS.
    @inline(__always)
    public func sgemm(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, alpha: Float = 1,
                      _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, beta: Float = 0,
                      _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        sgemm(Int32(SL_CBLAS_ROW_MAJOR), Int32(transA ? SL_CBLAS_TRANS : SL_CBLAS_NO_TRANS),
              Int32(transB ? SL_CBLAS_TRANS : SL_CBLAS_NO_TRANS), Int32(m), Int32(n), Int32(k), alpha,
              a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    // MARK: - Choosing and loading

    private static let lock = NSLock()
    nonisolated(unsafe) private static var requested = BLASMode.pinned
    nonisolated(unsafe) private static var instance: BLAS?

    /// Chooses the mode the library will be loaded in and loads it. Throws when it is already loaded in another
    /// mode, or cannot be loaded as asked (no AVX2 for `pinned`, no libopenblas).
    @discardableResult
    public static func load(_ mode: BLASMode) throws(BLASError) -> BLAS {
        lock.lock()
        defer { lock.unlock() }
        if let instance {
            guard instance.mode == mode else {
                throw BLASError("OpenBLAS is already loaded in \(instance.mode) mode; the mode is chosen once per process")
            }
            return instance
        }
        requested = mode
        let made = try BLAS(mode: mode)
        instance = made
        return made
    }

    /// The loaded library; loads it in `pinned` mode when nothing chose a mode first. A process that cannot load
    /// it stops with the reason (the CLI loads it up front to report that as a one-line error instead).
    public static var shared: BLAS {
        if let ready = loadedInstance { return ready }
        do { return try load(requestedMode) } catch { fatalError("\(error)") }
    }

    private static var loadedInstance: BLAS? { lock.lock(); defer { lock.unlock() }; return instance }
    private static var requestedMode: BLASMode { lock.lock(); defer { lock.unlock() }; return requested }

    private init(mode: BLASMode) throws(BLASError) {
        if mode == .pinned && sl_cpu_has_avx2_fma() == 0 {
            throw BLASError("this CPU has no AVX2/FMA, which soundlab's pinned OpenBLAS kernel (\(BLASMode.pinnedCore)) needs; "
                            + "run with --blas native (results are then specific to this machine)")
        }
        let handle = Self.open(environment: mode == .pinned ? Self.pinnedEnvironment : Self.nativeEnvironment)
        guard let handle else {
            throw BLASError("cannot load OpenBLAS (libopenblas.so.0): \(String(cString: dlerror())); install libopenblas0 (make deps)")
        }
        func symbol<T>(_ name: String, as: T.Type) throws(BLASError) -> T {
            guard let s = dlsym(handle, name) else { throw BLASError("OpenBLAS has no \(name): not a usable OpenBLAS") }
            return unsafeBitCast(s, to: T.self)
        }
        sgemm = try symbol("cblas_sgemm", as: sl_cblas_sgemm_fn.self)
        somatcopy = try symbol("cblas_somatcopy", as: sl_cblas_somatcopy_fn.self)
        setNumThreads = try symbol("openblas_set_num_threads", as: sl_openblas_set_num_threads_fn.self)
        getNumThreads = try symbol("openblas_get_num_threads", as: sl_openblas_get_num_threads_fn.self)
        let coreName = try symbol("openblas_get_corename", as: sl_openblas_get_string_fn.self)
        let config = try symbol("openblas_get_config", as: sl_openblas_get_string_fn.self)
        self.mode = mode
        self.coreName = coreName().map { String(cString: $0) } ?? "unknown"
        self.libraryConfig = config().map { String(cString: $0).trimmingCharacters(in: .whitespaces) } ?? "unknown"
        // One thread in both modes: WorkerPool splits large products itself, and a threaded sgemm rounds
        // differently from a single-threaded one.
        setNumThreads(1)
        if mode == .pinned && self.coreName.caseInsensitiveCompare(BLASMode.pinnedCore) != .orderedSame {
            throw BLASError("OpenBLAS runs its \(self.coreName) kernel although \(BLASMode.pinnedCore) was asked for "
                            + "(it was loaded before soundlab could choose, or this OpenBLAS was built without it); "
                            + "run with --blas native to accept machine-specific results")
        }
    }

    /// What OpenBLAS must find in the environment at load time for `pinned`: its kernel, one thread, default blocking.
    static let pinnedEnvironment: [String: String?] = [
        "OPENBLAS_CORETYPE": BLASMode.pinnedCore,
        "OPENBLAS_NUM_THREADS": "1", "GOTO_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
        "OPENBLAS_BLOCK_FACTOR": nil,
    ]
    /// `native` keeps the CPU's kernel but still starts no OpenBLAS threads.
    static let nativeEnvironment: [String: String?] = [
        "OPENBLAS_NUM_THREADS": "1", "GOTO_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
    ]

    /// dlopen with `environment` set (nil values unset) for the library's constructor, then the previous values back.
    private static func open(environment: [String: String?]) -> UnsafeMutableRawPointer? {
        let saved = environment.keys.map { ($0, getenv($0).map { String(cString: $0) }) }
        for (name, value) in environment {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        return dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libopenblas.so", RTLD_NOW | RTLD_LOCAL)
    }
}
