/// A contiguous, row-major Float32 array with a shape, optionally tracked for reverse-mode autodiff.
public final class Tensor: @unchecked Sendable {
    /// Dimensions, outermost first.
    public let shape: [Int]
    /// Number of elements (product of `shape`).
    public let count: Int
    let storage: Storage
    /// Whether gradients flow to this tensor (parameters, and every result computed from one while recording).
    public internal(set) var requiresGrad: Bool
    /// The accumulated gradient after `backward()`; same shape as the tensor.
    public internal(set) var grad: Tensor?
    /// How to push this tensor's gradient to its inputs; nil for leaves and in inference.
    var node: Node?

    /// A tensor of `shape` whose values are not initialised (ops overwrite every element).
    init(uninitialized shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.storage = Storage(capacity: count)
        self.requiresGrad = false
    }

    /// A tensor of `shape` on the storage of `other` (views: the same values under another shape).
    init(sharing other: Tensor, shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.storage = other.storage
        self.requiresGrad = false
    }

    /// A tensor holding `data` (row-major) with the given shape.
    public convenience init(shape: [Int], data: [Float], requiresGrad: Bool = false) {
        self.init(uninitialized: shape)
        precondition(data.count == count, "data has \(data.count) values, shape \(shape) needs \(count)")
        data.withUnsafeBufferPointer { src in
            if count > 0 { storage.pointer.update(from: src.baseAddress!, count: count) }
        }
        self.requiresGrad = requiresGrad
    }

    /// A tensor of `shape` filled with `value`.
    public convenience init(shape: [Int], repeating value: Float, requiresGrad: Bool = false) {
        self.init(uninitialized: shape)
        storage.pointer.update(repeating: value, count: count)
        self.requiresGrad = requiresGrad
    }

    /// A tensor of `shape` whose every element `fill` writes (e.g. a batch copied in), without zero-filling it first.
    /// `fill` must write all `count` values.
    public static func filled(_ shape: [Int], by fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows -> Tensor {
        let t = Tensor(uninitialized: shape)
        try fill(UnsafeMutableBufferPointer(start: t.storage.pointer, count: t.count))
        return t
    }

    /// A zero-filled tensor of `shape`.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor(shape: shape, repeating: 0, requiresGrad: requiresGrad)
    }

    /// A scalar (shape []).
    public convenience init(scalar: Float) { self.init(shape: [], data: [scalar]) }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// A copy of the values, row-major.
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: storage.pointer, count: count)) }

    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(count == 1, "item needs one element, shape is \(shape)")
        return storage.pointer[0]
    }

    /// Read access to the values without copying.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// In-place write access (optimizers, initialisers, loading weights); never on a recorded intermediate.
    public func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: storage.pointer, count: count))
    }

    /// The same values as a new leaf that records nothing.
    public func detached() -> Tensor {
        let t = Tensor(uninitialized: shape)
        t.storage.pointer.update(from: storage.pointer, count: count)
        return t
    }

    /// Marks this leaf as trainable (or not); gradients accumulate into `grad` on `backward()`.
    public func setRequiresGrad(_ flag: Bool) { requiresGrad = flag }

    /// Drops the accumulated gradient (before the next step).
    public func zeroGrad() { grad = nil }

    var pointer: UnsafeMutablePointer<Float> { storage.pointer }
}

extension Tensor: CustomStringConvertible {
    /// Shape and the first few values, for debugging.
    public var description: String {
        let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor\(shape)[\(head)\(count > 8 ? ", ..." : "")]"
    }
}
