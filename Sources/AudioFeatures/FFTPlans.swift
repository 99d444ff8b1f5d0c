import CFFTW
import Foundation

/// FFTW double-precision r2c plans, one per length, created once and shared: planning is not
/// thread-safe so it happens under a lock, while execution with `fftw_execute_dft_r2c` on other
/// (equally aligned) arrays is.
enum FFTPlans {
    nonisolated(unsafe) private static var plans: [Int: fftw_plan] = [:]
    private static let lock = NSLock()

    static func realForward(_ n: Int) -> fftw_plan {
        lock.lock(); defer { lock.unlock() }
        if let plan = plans[n] { return plan }
        let input = fftw_alloc_real(n)!
        let output = fftw_alloc_complex(n / 2 + 1)!
        defer { fftw_free(input); fftw_free(output) }
        // ESTIMATE keeps planning cheap and deterministic (MEASURE could pick a different algorithm per run).
        let plan = fftw_plan_dft_r2c_1d(Int32(n), input, output, UInt32(FFTW_ESTIMATE))!
        plans[n] = plan
        return plan
    }
}
