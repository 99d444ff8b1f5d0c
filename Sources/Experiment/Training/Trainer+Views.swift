import NN
import TensorCore

extension Trainer {
    /// One epoch on two augmented views of every clip: NT-Xent between the projections of the views' embeddings
    /// (SimCLR: `weight` nil, labels unused) or, with a `weight`, the classification loss of the first view plus
    /// weight × that NT-Xent (CLAR). Returns the mean loss and the accuracy: the classifier's with a weight, else the
    /// fraction of projections whose most similar other projection is their own second view.
    func trainViewsEpoch(_ epoch: Int, _ source: ExampleSource, contrastive: NTXentLoss, weight: Float?,
                         report: (TrainingEvent) -> Void) throws -> (Double, Double) {
        guard let network = model as? EmbeddingNetwork else { preconditionFailure("views need an embedding network") }
        // The first view is this epoch's augmentation, the second one drawn as if for another epoch: a source's
        // draws are keyed by (epoch, clip).
        let first = try materialize(source, epoch: epoch)
        let second = try materialize(source, epoch: epoch | (1 << 40))
        var orderRNG = RNG(seed: seed, stream: [StreamPurpose.epochOrder.rawValue, UInt64(epoch)])
        let order = ClassBalance.epochOrder(labels: source.labels, classCount: classCount, sampler: config.sampler, rng: &orderRNG)
        let losses = weight == nil ? nil : try setup.losses.get()
        let size = source.exampleShape.reduce(1, *)
        let batches = (order.count + config.batchSize - 1) / config.batchSize
        var lossSum = 0.0, correct = 0, seen = 0, clips = 0
        for b in 0..<batches {
            if Interrupt.requested { throw TrainingInterrupted(completedEpochs: epoch) }
            let idx = order[(b * config.batchSize)..<min((b + 1) * config.batchSize, order.count)]
            let n = idx.count
            let xa = Tensor.filled([n] + source.exampleShape) { p in first.withUnsafeBufferPointer { copyRows(idx, from: $0.baseAddress!, size: size, into: p.baseAddress!) } }
            let xb = Tensor.filled([n] + source.exampleShape) { p in second.withUnsafeBufferPointer { copyRows(idx, from: $0.baseAddress!, size: size, into: p.baseAddress!) } }
            setup.optimizer.learningRate = setup.rates.rate(epoch: Double(epoch) + Double(b + 1) / Double(batches + 1))
            let rng = RNG(seed: seed, stream: [StreamPurpose.dropout.rawValue, UInt64(epoch), UInt64(b)])
            let ca = ForwardContext(training: true, rng: rng)
            let cb = ForwardContext(training: true, rng: rng.derived(StreamPurpose.secondView.rawValue))
            let ea = network.embed(xa, context: ca), eb = network.embed(xb, context: cb)
            let za = network.project(ea, context: ca), zb = network.project(eb, context: cb)
            var loss = contrastive(za, zb)
            let labels = idx.map { source.labels[$0] }
            if let weight, let losses {
                let logits = network.head(ea, context: ca)
                loss = losses.train(logits, oneHot(labels, classes: classCount)) + loss * weight
                correct += zip(logits.argmax(axis: -1), labels).filter { $0 == $1 }.count
            } else {
                correct += Self.positivesFound(za.scalars, zb.scalars, rows: n)
            }
            guard loss.item.isFinite else { throw TrainingDiverged(epoch: epoch + 1, batch: b + 1, loss: loss.item) }
            model.zeroGrad()
            loss.backward()
            setup.optimizer.step(parameters)
            lossSum += Double(loss.item) * Double(n)
            seen += weight == nil ? 2 * n : n
            clips += n
            report(.batch(epoch: epoch + 1, batch: b + 1, of: batches, loss: lossSum / Double(clips), accuracy: Double(correct) / Double(seen)))
        }
        return (lossSum / Double(max(order.count, 1)), Double(correct) / Double(max(seen, 1)))
    }

    /// Every example of `source` as the epoch `epoch` would augment it, example after example.
    private func materialize(_ source: ExampleSource, epoch: Int) throws -> [Float] {
        try source.prepare(epoch: epoch)
        let size = source.exampleShape.reduce(1, *)
        return [Float](unsafeUninitializedCapacity: source.count * size) { buffer, initialized in
            source.fill(Array(0..<source.count)[...], epoch: epoch, into: buffer.baseAddress!)
            initialized = source.count * size
        }
    }

    /// Of the 2n projections [a; b], how many have their other view as their most similar other row (cosine).
    static func positivesFound(_ a: [Float], _ b: [Float], rows n: Int) -> Int {
        guard n > 1 else { return 2 * n }
        let width = a.count / n
        let z = (a + b).chunked(width).map { row -> [Float] in
            let norm = max(row.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
            return row.map { $0 / norm }
        }
        var found = 0
        for i in 0..<(2 * n) {
            var best = -1, bestSimilarity = -Float.infinity
            for j in 0..<(2 * n) where j != i {
                let s = zip(z[i], z[j]).reduce(0) { $0 + $1.0 * $1.1 }
                if s > bestSimilarity { bestSimilarity = s; best = j }
            }
            if best == (i + n) % (2 * n) { found += 1 }
        }
        return found
    }
}

private extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
