import NN
import TensorCore

extension Trainer {
    /// One epoch of `episodes.perEpoch` N-way K-shot episodes, one optimisation step each: the prototypical loss of
    /// the queries against the means of the support embeddings. Returns the mean loss and the queries' accuracy.
    func trainEpisodes(_ epoch: Int, _ source: ExampleSource, episodes: EpisodeConfig,
                       report: (TrainingEvent) -> Void) throws -> (Double, Double) {
        guard let network = model as? EmbeddingNetwork else { preconditionFailure("episodes need an embedding network") }
        try source.prepare(epoch: epoch)
        var members = [[Int]](repeating: [], count: classCount)
        for (i, l) in source.labels.enumerated() { members[l].append(i) }
        let eligible = members.indices.filter { members[$0].count > episodes.shots }
        guard eligible.count >= episodes.ways else {
            throw DataError("train.episodes: \(episodes.ways)-way episodes with \(episodes.shots) shots need \(episodes.ways) classes "
                            + "with at least \(episodes.shots + 1) training clips; \(eligible.count) have that many")
        }
        let loss = PrototypicalLoss()
        var lossSum = 0.0, correct = 0, seen = 0
        for e in 0..<episodes.perEpoch {
            if Interrupt.requested { throw TrainingInterrupted(completedEpochs: epoch) }
            var rng = RNG(seed: seed, stream: [StreamPurpose.episodes.rawValue, UInt64(epoch), UInt64(e)])
            let episode = Episode.draw(members: members, eligible: eligible, config: episodes, rng: &rng)
            let all = episode.support + episode.query
            let x = Tensor.filled([all.count] + source.exampleShape) { source.fill(all[...], epoch: epoch, into: $0.baseAddress!) }
            setup.optimizer.learningRate = setup.rates.rate(epoch: Double(epoch) + Double(e + 1) / Double(episodes.perEpoch + 1))
            let context = ForwardContext(training: true, rng: RNG(seed: seed, stream: [StreamPurpose.dropout.rawValue, UInt64(epoch), UInt64(e)]))
            let embeddings = network.embed(x, context: context)
            let s = episode.support.count
            let support = embeddings.sliced(axis: 0, 0..<s), query = embeddings.sliced(axis: 0, s..<all.count)
            let value = loss(support: support, supportLabels: episode.supportLabels, query: query, queryLabels: episode.queryLabels)
            guard value.item.isFinite else { throw TrainingDiverged(epoch: epoch + 1, batch: e + 1, loss: value.item) }
            model.zeroGrad()
            value.backward()
            setup.optimizer.step(parameters)
            let q = episode.query.count
            lossSum += Double(value.item) * Double(q)
            correct += episode.correctQueries(embeddings.scalars, width: embeddings.count / all.count)
            seen += q
            report(.batch(epoch: epoch + 1, batch: e + 1, of: episodes.perEpoch, loss: lossSum / Double(seen),
                          accuracy: Double(correct) / Double(seen)))
        }
        return (lossSum / Double(max(seen, 1)), Double(correct) / Double(max(seen, 1)))
    }
}
