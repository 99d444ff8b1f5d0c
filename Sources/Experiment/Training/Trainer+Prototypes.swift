import NN
import TensorCore

extension Trainer {
    /// Sets a final `nearest_prototype` layer's prototypes to the mean embedding of each class's training clips, clean
    /// (`cleanTraining` when the training source's inputs change per epoch); a no-op for other models.
    func refreshPrototypes(from train: ExampleSource) {
        guard let network = model as? EmbeddingNetwork, let head = network.prototypes else { return }
        let source = cleanTraining ?? train
        let (embeddings, width) = embed(source, with: network)
        var sums = [Double](repeating: 0, count: classCount * width), counts = [Int](repeating: 0, count: classCount)
        for (i, label) in source.labels.enumerated() {
            counts[label] += 1
            for d in 0..<width { sums[label * width + d] += Double(embeddings[i * width + d]) }
        }
        head.setPrototypes((0..<(classCount * width)).map { Float(sums[$0] / Double(max(counts[$0 / width], 1))) })
    }

    /// The embeddings of every example of `source`, clean and in inference mode, example-major, with their width.
    func embed(_ source: ExampleSource, with network: EmbeddingNetwork) -> (values: [Float], width: Int) {
        var out: [Float] = []
        var width = 0
        let batchSize = max(config.batchSize, 1)
        let all = Array(0..<source.count)
        Tensor.withoutGrad {
            for start in stride(from: 0, to: source.count, by: batchSize) {
                let idx = all[start..<min(start + batchSize, source.count)]
                let x = Tensor.filled([idx.count] + source.exampleShape) { source.fill(idx, epoch: nil, into: $0.baseAddress!) }
                let e = network.embed(x, context: .inference)
                width = e.count / idx.count
                out += e.scalars
            }
        }
        return (out, width)
    }
}
