import TensorCore

/// One complex64 element (TFLite's layout: real, then imaginary).
public struct Complex64: Equatable, Sendable {
    public var re: Float
    public var im: Float
    public init(re: Float, im: Float) { self.re = re; self.im = im }
}

/// A row-major array with a shape, for the element types TensorCore's Float tensors do not hold
/// (the integer shape arithmetic of a graph, the complex output of an FFT).
public struct HostArray<Element>: @unchecked Sendable {
    public let shape: [Int]
    public let values: [Element]

    public init(shape: [Int], values: [Element]) {
        precondition(shape.reduce(1, *) == values.count, "HostArray: \(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }
}

/// A value of one tensor while a graph runs: floats live in TensorCore tensors, so the float ops are
/// TensorCore's own kernels; int32 and complex64 values are plain arrays.
public enum TFLiteValue: @unchecked Sendable {
    case float32(Tensor)
    case int32(HostArray<Int32>)
    case complex64(HostArray<Complex64>)

    public var shape: [Int] {
        switch self {
        case let .float32(t): t.shape
        case let .int32(a): a.shape
        case let .complex64(a): a.shape
        }
    }

    public var type: TFLiteTensorType {
        switch self {
        case .float32: .float32
        case .int32: .int32
        case .complex64: .complex64
        }
    }

    public var count: Int { shape.reduce(1, *) }

    /// The float tensor, or nil for another type.
    public var tensor: Tensor? { if case let .float32(t) = self { t } else { nil } }
}

/// Why an op could not compute its result from these values; the executor adds the op's name and number.
struct OpFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension TFLiteValue {
    /// The tensor of a float value, or an `OpFailure` naming what it is instead.
    func float(_ what: String) throws -> Tensor {
        guard case let .float32(t) = self else { throw OpFailure("\(what) must be FLOAT32, got \(type)") }
        return t
    }

    /// The elements of an int32 value, widened to Int (shape operands: axes, sizes, paddings).
    func ints(_ what: String) throws -> [Int] {
        guard case let .int32(a) = self else { throw OpFailure("\(what) must be INT32, got \(type)") }
        return a.values.map(Int.init)
    }

    /// The single element of an int32 scalar or one-element vector.
    func scalarInt(_ what: String) throws -> Int {
        let v = try ints(what)
        guard v.count == 1 else { throw OpFailure("\(what) must hold one value, has shape \(shape)") }
        return v[0]
    }

    /// A new value of this one's type with `shape`, every element written by the layout kernel `k` from this
    /// value's elements (a gather, a transpose, a slice: anything that only moves elements).
    func relayout(_ shape: [Int], _ k: some ElementMover) -> TFLiteValue {
        let n = shape.reduce(1, *)
        switch self {
        case let .float32(t):
            return .float32(Tensor.filled(shape) { dst in t.withUnsafeBufferPointer { k.move([$0], into: dst) } })
        case let .int32(a):
            return .int32(HostArray(shape: shape, values: a.values.withUnsafeBufferPointer { src in
                [Int32](unsafeUninitializedCapacity: n) { dst, written in k.move([src], into: dst); written = n }
            }))
        case let .complex64(a):
            return .complex64(HostArray(shape: shape, values: a.values.withUnsafeBufferPointer { src in
                [Complex64](unsafeUninitializedCapacity: n) { dst, written in k.move([src], into: dst); written = n }
            }))
        }
    }

    /// Like `relayout`, from several values of one type (concatenation, packing).
    static func relayout(_ values: [TFLiteValue], _ shape: [Int], _ k: some ElementMover) throws -> TFLiteValue {
        guard let first = values.first else { throw OpFailure("no inputs") }
        let n = shape.reduce(1, *)
        switch first {
        case .float32:
            let ts = try values.map { try $0.float("every input") }
            return .float32(Tensor.filled(shape) { dst in withBuffers(ts[...], []) { k.move($0, into: dst) } })
        case .int32:
            let arrays = try sameType(values, "INT32") { if case let .int32(a) = $0 { a.values } else { nil } }
            return .int32(HostArray(shape: shape, values: moved(arrays, count: n, k)))
        case .complex64:
            let arrays = try sameType(values, "COMPLEX64") { if case let .complex64(a) = $0 { a.values } else { nil } }
            return .complex64(HostArray(shape: shape, values: moved(arrays, count: n, k)))
        }
    }
}

/// A kernel that only moves elements, written once for every element type.
protocol ElementMover {
    /// Writes every element of `dst` from `sources`.
    func move<T>(_ sources: [UnsafeBufferPointer<T>], into dst: UnsafeMutableBufferPointer<T>)
}

private func withBuffers<R>(_ ts: ArraySlice<Tensor>, _ acc: [UnsafeBufferPointer<Float>],
                            _ body: ([UnsafeBufferPointer<Float>]) -> R) -> R {
    guard let first = ts.first else { return body(acc) }
    return first.withUnsafeBufferPointer { withBuffers(ts.dropFirst(), acc + [$0], body) }
}

/// Every value's elements, or an error naming the first value of another type.
private func sameType<T>(_ values: [TFLiteValue], _ type: String, _ pick: (TFLiteValue) -> [T]?) throws -> [[T]] {
    try values.map { v in
        guard let a = pick(v) else { throw OpFailure("inputs mix \(type) and \(v.type)") }
        return a
    }
}

/// `count` elements moved out of `arrays` by `k`.
private func moved<T>(_ arrays: [[T]], count n: Int, _ k: some ElementMover) -> [T] {
    [T](unsafeUninitializedCapacity: n) { dst, written in
        withArrayBuffers(arrays[...], []) { k.move($0, into: dst) }
        written = n
    }
}

private func withArrayBuffers<T, R>(_ arrays: ArraySlice<[T]>, _ acc: [UnsafeBufferPointer<T>],
                                    _ body: ([UnsafeBufferPointer<T>]) -> R) -> R {
    guard let first = arrays.first else { return body(acc) }
    return first.withUnsafeBufferPointer { withArrayBuffers(arrays.dropFirst(), acc + [$0], body) }
}
