import Foundation

/// The one way soundlab runs a loop over clips in parallel: `workers` threads, each with state of its own (a
/// feature extractor, a file reader), pull the next item index from a shared counter until none is left. Every
/// result goes to its item's slot, so what is computed never depends on which worker took an item.
///
/// TensorCore's `WorkerPool` is the other kind of parallel loop: a fixed number of parts of one computation
/// (an sgemm cut into blocks) on sleeping helper threads. It cannot be this one: AudioFeatures sits beside
/// TensorCore, not above it, and a clip loop's items are uneven I/O-bound work, not equal parts.
public enum ItemWorkers {
    /// Calls `body(state, item)` for every item in `0..<count` in `order` (default: ascending), on
    /// `min(workers, count)` threads, each with the state `makeState` gives it (nil: that worker does nothing).
    public static func run<State>(count: Int, workers: Int, order: [Int]? = nil, makeState: () -> State?,
                                  _ body: (State, Int) -> Void) {
        guard count > 0 else { return }
        let queue = Counter()
        let threads = max(1, min(workers, count))
        nonisolated(unsafe) let makeState = makeState, body = body
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            guard let state = makeState() else { return }
            while let n = queue.take(below: count) { body(state, order?[n] ?? n) }
        }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0

        func take(below limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }
    }
}
