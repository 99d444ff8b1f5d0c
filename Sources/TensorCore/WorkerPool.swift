import Foundation

/// Long-lived helper threads that split big loops and sgemms into a fixed number of parts.
/// OpenBLAS runs on one thread (see `BLAS`): its own pool spins in sched_yield between the many small sgemms of a
/// training step, while ours sleeps. Results never depend on timing: a job is always cut into the same parts, each
/// part is one independent computation, and the caller takes parts the helpers have not started (dynamic
/// assignment only decides *who* computes a part, never *what* is computed).
public enum WorkerPool {
    /// Threads that run parts: the cores of this machine, at most 4.
    public static var width: Int { Pool.shared.width }

    /// Parts a job whose rounding depends on the cut (a large sgemm) is split into: fixed, so a machine with more
    /// or fewer cores computes the same blocks and gets the same bits.
    public static let splitParts = 2

    /// Calls `body(part)` for every part in 0..<parts, concurrently when the pool is free (nested or concurrent
    /// callers run serially on their own thread). Parts must write disjoint memory.
    public static func run(parts: Int, _ body: (Int) -> Void) { Pool.shared.run(parts: parts, body) }

    /// Splits 0..<count into `width` contiguous ranges (boundaries multiples of `align`) and runs `body` on each;
    /// runs inline when `count` is below `minimum`. For elementwise loops whose results do not depend on the split.
    public static func forRanges(_ count: Int, minimum: Int = 1 << 16, align: Int = 16, _ body: (Range<Int>) -> Void) {
        let parts = count >= minimum ? width : 1
        if parts <= 1 { if count > 0 { body(0..<count) }; return }
        run(parts: parts) { p in
            let r = splitRange(count, parts: parts, part: p, align: align)
            if !r.isEmpty { body(r) }
        }
    }

    /// Part `part` of 0..<count cut into `parts` pieces whose inner boundaries are multiples of `align`.
    static func splitRange(_ count: Int, parts: Int, part: Int, align: Int) -> Range<Int> {
        func bound(_ i: Int) -> Int {
            if i >= parts { return count }
            let raw = count * i / parts
            return Swift.min(count, (raw + align / 2) / align * align)
        }
        return bound(part)..<bound(part + 1)
    }
}

/// The shared pool: `width − 1` helper threads plus the caller.
final class Pool: @unchecked Sendable {
    static let shared = Pool()

    let width: Int
    private let condition = NSCondition()
    private let done = NSCondition()
    private var job: ((Int) -> Void)?
    private var nextPart = 0, partCount = 0, remaining = 0
    private var busy = false

    private init() {
        width = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, 4))
        for i in 1..<Swift.max(width, 1) {
            let t = Thread { [unowned self] in self.helperLoop() }
            t.name = "TensorCore worker \(i)"
            t.qualityOfService = .userInitiated
            t.start()
        }
    }

    func run(parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 || width <= 1 {
            for p in 0..<parts { body(p) }
            return
        }
        condition.lock()
        if busy {
            condition.unlock()
            for p in 0..<parts { body(p) }
            return
        }
        busy = true
        withoutActuallyEscaping(body) { escaping in
            job = escaping
            nextPart = 0
            partCount = parts
            remaining = parts
            condition.broadcast()
            condition.unlock()
            while let p = claim() { escaping(p); finished() }
            done.lock()
            while remaining > 0 { done.wait() }
            done.unlock()
            condition.lock()
            job = nil
            partCount = 0
            busy = false
            condition.unlock()
        }
    }

    /// The next unstarted part of the current job, if any.
    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard nextPart < partCount else { return nil }
        nextPart += 1
        return nextPart - 1
    }

    private func finished() {
        done.lock()
        remaining -= 1
        if remaining == 0 { done.signal() }
        done.unlock()
    }

    private func helperLoop() {
        while true {
            condition.lock()
            while nextPart >= partCount { condition.wait() }
            let p = nextPart
            nextPart += 1
            var body = job
            condition.unlock()
            body!(p)
            // Drop the reference before reporting: the caller's closure must not outlive its run.
            body = nil
            finished()
        }
    }
}
