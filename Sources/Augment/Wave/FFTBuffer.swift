import CFFTW
import Foundation

/// Scratch for one real FFT of a power-of-two `size`: `time` holds `size` samples, `bins` the
/// `size / 2 + 1` complex bins as interleaved (re, im) doubles.
///
/// Plans are FFTW double-precision r2c/c2r plans, one pair per size, made once and shared: planning is
/// not thread-safe so it happens under a lock, while executing a plan on other arrays is. The arrays come
/// from `fftw_alloc_*`, so they have the alignment the plans were made for. Sizes are powers of two so a
/// run sees a handful of plans whatever its clip lengths.
final class FFTBuffer {
    let size: Int
    let time: UnsafeMutablePointer<Double>
    /// Bin k is `bins[2k]` (real) and `bins[2k + 1]` (imaginary).
    let bins: UnsafeMutablePointer<Double>
    private let complexBins: UnsafeMutablePointer<fftw_complex>
    private let plans: (forward: fftw_plan, inverse: fftw_plan)

    /// Zeroed scratch for `size` points (a power of two, at least 2).
    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0, "FFTBuffer needs a power-of-two size >= 2")
        self.size = size
        time = fftw_alloc_real(size)!
        time.initialize(repeating: 0, count: size)
        complexBins = fftw_alloc_complex(size / 2 + 1)!
        bins = UnsafeMutableRawPointer(complexBins).bindMemory(to: Double.self, capacity: size + 2)
        bins.initialize(repeating: 0, count: size + 2)
        plans = Self.plans(size)
    }

    deinit {
        fftw_free(time)
        fftw_free(complexBins)
    }

    /// The smallest power of two >= max(n, 2).
    static func size(atLeast n: Int) -> Int {
        var s = 2
        while s < n { s <<= 1 }
        return s
    }

    /// `time` → `bins` (unnormalised).
    func forward() { fftw_execute_dft_r2c(plans.forward, time, complexBins) }

    /// `bins` → `time`, unnormalised (a forward then inverse scales by `size`); overwrites `bins`.
    func inverse() { fftw_execute_dft_c2r(plans.inverse, complexBins, time) }

    nonisolated(unsafe) private static var cache: [Int: (forward: fftw_plan, inverse: fftw_plan)] = [:]
    private static let lock = NSLock()

    private static func plans(_ n: Int) -> (forward: fftw_plan, inverse: fftw_plan) {
        lock.lock(); defer { lock.unlock() }
        if let p = cache[n] { return p }
        let input = fftw_alloc_real(n)!
        let output = fftw_alloc_complex(n / 2 + 1)!
        defer { fftw_free(input); fftw_free(output) }
        // ESTIMATE keeps planning cheap and deterministic (MEASURE could pick a different algorithm per run).
        let flags = UInt32(FFTW_ESTIMATE)
        let p = (forward: fftw_plan_dft_r2c_1d(Int32(n), input, output, flags)!,
                 inverse: fftw_plan_dft_c2r_1d(Int32(n), output, input, flags)!)
        cache[n] = p
        return p
    }
}
