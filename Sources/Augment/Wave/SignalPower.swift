import Foundation

/// Reference powers the noise SNR is measured against.
enum SignalPower {
    /// Mean of x² over the whole clip (silence included).
    static func mean(_ x: [Float]) -> Double {
        guard !x.isEmpty else { return 0 }
        return x.withUnsafeBufferPointer { buf in
            var s = 0.0
            for v in buf { s += Double(v) * Double(v) }
            return s / Double(buf.count)
        }
    }

    /// Mean of x² over the active frames only: the clip is cut into consecutive, non-overlapping frames of
    /// `frameLength` samples (the last one may be shorter and is measured over its own length); a frame is
    /// active when its mean power is within `thresholdDB` of the loudest frame's and above zero. Returns 0
    /// for an all-zero clip.
    static func active(_ x: [Float], frameLength: Int, thresholdDB: Double) -> Double {
        guard !x.isEmpty else { return 0 }
        var energies: [Double] = []
        var lengths: [Int] = []
        x.withUnsafeBufferPointer { buf in
            var start = 0
            while start < buf.count {
                let end = min(start + frameLength, buf.count)
                var e = 0.0
                for i in start..<end { e += Double(buf[i]) * Double(buf[i]) }
                energies.append(e)
                lengths.append(end - start)
                start = end
            }
        }
        var loudest = 0.0
        for (e, n) in zip(energies, lengths) { loudest = max(loudest, e / Double(n)) }
        guard loudest > 0 else { return 0 }
        let threshold = loudest * pow10(-thresholdDB / 10)
        var energy = 0.0
        var count = 0
        for (e, n) in zip(energies, lengths) where e / Double(n) >= threshold && e > 0 {
            energy += e
            count += n
        }
        return energy / Double(count)
    }

    static func pow10(_ x: Double) -> Double { Foundation.pow(10, x) }
}
