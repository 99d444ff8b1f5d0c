import Foundation

/// Opt-in wall-clock breakdown of training steps by op (forward and backward) for benchmarks.
/// A forward op is charged the time since the previous recorded op or mark, so ops are keyed by the source line
/// that records them; each backward closure is timed on its own. Off by default: then it costs one branch per op.
/// Main-thread use only (the thread that records and calls `backward`).
public enum OpProfiler {
    nonisolated(unsafe) static var enabled = false
    nonisolated(unsafe) private static var last: UInt64 = 0
    nonisolated(unsafe) private static var totals: [String: (seconds: Double, calls: Int)] = [:]

    /// Starts (or restarts) collecting, with empty totals.
    public static func start() {
        totals = [:]
        enabled = true
        last = now()
    }

    /// Stops collecting and returns the totals by label, largest first.
    public static func stop() -> [(label: String, seconds: Double, calls: Int)] {
        enabled = false
        return totals.map { ($0.key, $0.value.seconds, $0.value.calls) }.sorted { $0.seconds > $1.seconds }
    }

    /// Charges the time since the previous op or mark to `label` (work done outside recorded ops).
    public static func mark(_ label: @autoclosure () -> String) {
        guard enabled else { return }
        charge(label(), since: last)
    }

    static func forward(_ file: StaticString, _ line: UInt, _ shape: [Int]) {
        charge("fwd \(short(file)):\(line) \(shape)", since: last)
    }

    /// Runs `body` and charges its time to the backward of the op recorded at `key`.
    static func backward(_ key: String, _ body: () -> Void) {
        let t = now()
        body()
        charge("bwd " + key, since: t)
    }

    static func charge(_ label: String, since t: UInt64) {
        let end = now()
        totals[label, default: (0, 0)].seconds += Double(end - t) * 1e-9
        totals[label, default: (0, 0)].calls += 1
        last = end
    }

    static func short(_ file: StaticString) -> String {
        let s = "\(file)"
        return s.split(separator: "/").last.map(String.init) ?? s
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
