import Foundation

/// A 64-byte aligned Float buffer that returns itself to a pool when the last tensor using it dies,
/// so a training step in steady state reuses the buffers of the previous step instead of calling malloc.
final class Storage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.pointer = BufferPool.shared.take(capacity)
    }

    deinit { BufferPool.shared.give(pointer, capacity) }
}

/// Free buffers by exact size. Bounded so a burst of odd shapes cannot hold memory forever.
final class BufferPool: @unchecked Sendable {
    static let shared = BufferPool()
    private var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    private var pooledBytes = 0
    private let lock = NSLock()
    private let maxPooledBytes = 1 << 30
    private let maxPerSize = 64

    func take(_ count: Int) -> UnsafeMutablePointer<Float> {
        let n = max(count, 1)
        lock.lock()
        if var list = free[n], let p = list.popLast() {
            free[n] = list
            pooledBytes -= n * 4
            lock.unlock()
            return p
        }
        lock.unlock()
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, n * MemoryLayout<Float>.stride) == 0, let raw else {
            fatalError("out of memory allocating \(n) floats")
        }
        return raw.bindMemory(to: Float.self, capacity: n)
    }

    func give(_ p: UnsafeMutablePointer<Float>, _ count: Int) {
        let n = max(count, 1)
        lock.lock()
        if pooledBytes + n * 4 <= maxPooledBytes, free[n, default: []].count < maxPerSize {
            free[n, default: []].append(p)
            pooledBytes += n * 4
            lock.unlock()
            return
        }
        lock.unlock()
        Foundation.free(p)
    }
}
