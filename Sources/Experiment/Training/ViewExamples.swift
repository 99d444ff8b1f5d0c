import TensorCore

/// Examples with several fixed versions each (view 0 the clean clip, views 1…K augmented copies), one chosen
/// per clip and epoch from the seed: how waveform augmentation reaches a head on a frozen backbone, whose
/// embeddings are too costly to recompute every epoch but cheap to cache once per view.
public final class ViewExamples: ExampleSource {
    public let count: Int
    public let labels: [Int]
    public let exampleShape: [Int]
    /// views[v] holds every example's input for view v, example after example.
    let views: [[Float]]
    private let seed: UInt64
    private var chosen: [Int]

    /// `views[0]` must be the clean inputs; every view holds `labels.count` examples.
    public init(views: [[Float]], labels: [Int], exampleShape: [Int], seed: UInt64) {
        let size = exampleShape.reduce(1, *)
        precondition(!views.isEmpty && views.allSatisfy { $0.count == labels.count * size }, "views and labels disagree")
        self.views = views
        self.labels = labels
        self.count = labels.count
        self.exampleShape = exampleShape
        self.seed = seed
        chosen = [Int](repeating: 0, count: labels.count)
    }

    /// Draws each clip's view for this epoch, uniformly over the clean clip and its copies.
    public func prepare(epoch: Int) throws {
        for i in 0..<count {
            var g = RNG(seed: seed, stream: [StreamPurpose.waveAugment.rawValue, UInt64(epoch), UInt64(i), 0x7669_6577])
            chosen[i] = Int(g.next() % UInt64(views.count))
        }
    }

    /// The chosen views during training; the clean clip at evaluation (`epoch` nil).
    public func fill(_ indices: ArraySlice<Int>, epoch: Int?, into destination: UnsafeMutablePointer<Float>) {
        let size = exampleShape.reduce(1, *)
        for (k, i) in indices.enumerated() {
            let v = epoch == nil ? 0 : chosen[i]
            views[v].withUnsafeBufferPointer { (destination + k * size).update(from: $0.baseAddress! + i * size, count: size) }
        }
    }
}
