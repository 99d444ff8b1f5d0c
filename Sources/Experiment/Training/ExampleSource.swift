import TensorCore

/// Where a trainer gets model inputs: a fixed set of examples whose inputs may change per epoch (augmentation).
public protocol ExampleSource: AnyObject {
    /// Number of examples.
    var count: Int { get }
    /// Label of each example.
    var labels: [Int] { get }
    /// Shape of one example's input (batch excluded).
    var exampleShape: [Int] { get }
    /// Called once before each training epoch (e.g. to recompute augmented features in parallel).
    func prepare(epoch: Int) throws
    /// Writes the inputs of `indices` (in order, each `exampleShape` values) to `destination`, every value of it
    /// (the trainer does not zero the batch first).
    /// `epoch` is nil at evaluation: no augmentation.
    func fill(_ indices: ArraySlice<Int>, epoch: Int?, into destination: UnsafeMutablePointer<Float>)
}

/// Examples already in memory (padded model inputs), optionally with per-epoch spectrogram augmentation.
public final class InMemoryExamples: ExampleSource {
    public let count: Int
    public let labels: [Int]
    public let exampleShape: [Int]
    /// Padded inputs, example after example.
    let inputs: [Float]
    /// Frames holding audio (before padding) per example, so masks fall on real frames.
    let validFrames: [Int]
    /// Applies spectrogram augmentation to one example in place: (values, validFrames, epoch, example index).
    let augment: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)?

    /// Examples from flat padded inputs; `augment` runs at training time only.
    public init(inputs: [Float], labels: [Int], validFrames: [Int], exampleShape: [Int],
                augment: ((UnsafeMutablePointer<Float>, Int, Int, Int) -> Void)? = nil) {
        let size = exampleShape.reduce(1, *)
        precondition(inputs.count == labels.count * size && validFrames.count == labels.count, "inputs, labels and frames disagree")
        self.count = labels.count
        self.labels = labels
        self.exampleShape = exampleShape
        self.inputs = inputs
        self.validFrames = validFrames
        self.augment = augment
    }

    public func prepare(epoch: Int) throws {}

    public func fill(_ indices: ArraySlice<Int>, epoch: Int?, into destination: UnsafeMutablePointer<Float>) {
        let size = exampleShape.reduce(1, *)
        inputs.withUnsafeBufferPointer { src in
            if augment == nil || epoch == nil {
                copyRows(indices, from: src.baseAddress!, size: size, into: destination)
                return
            }
            for (k, i) in indices.enumerated() {
                let dst = destination + k * size
                dst.update(from: src.baseAddress! + i * size, count: size)
                if let augment, let epoch { augment(dst, validFrames[i], epoch, i) }
            }
        }
    }
}

/// Copies example `indices[k]` (each `size` floats of `source`) to row k of `destination`, over the worker pool
/// when the batch is large: a batch is megabytes, and one core alone does not reach the memory bandwidth.
func copyRows(_ indices: ArraySlice<Int>, from source: UnsafePointer<Float>, size: Int,
              into destination: UnsafeMutablePointer<Float>) {
    let order = Array(indices)
    WorkerPool.forRanges(order.count, minimum: order.count * size >= 1 << 18 ? 2 : Int.max, align: 1) { range in
        for k in range { (destination + k * size).update(from: source + order[k] * size, count: size) }
    }
}
