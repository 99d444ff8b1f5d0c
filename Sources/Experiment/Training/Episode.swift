import TensorCore

/// One N-way K-shot episode: support and query clips (training indices) of `ways` classes, with their labels
/// renumbered 0..<ways in the order the classes were drawn.
struct Episode {
    let support: [Int]
    let supportLabels: [Int]
    let query: [Int]
    let queryLabels: [Int]

    /// Draws `config.ways` of the `eligible` classes, then `shots` support and up to `queries` query clips of each
    /// (fewer queries when a class has fewer clips left), without replacement.
    static func draw(members: [[Int]], eligible: [Int], config: EpisodeConfig, rng: inout RNG) -> Episode {
        let classes = rng.permutation(eligible.count).prefix(config.ways).map { eligible[$0] }
        var support: [Int] = [], supportLabels: [Int] = [], query: [Int] = [], queryLabels: [Int] = []
        for (way, c) in classes.enumerated() {
            let clips = members[c]
            let order = rng.permutation(clips.count)
            let q = min(config.queries, clips.count - config.shots)
            for k in 0..<config.shots { support.append(clips[order[k]]); supportLabels.append(way) }
            for k in config.shots..<(config.shots + q) { query.append(clips[order[k]]); queryLabels.append(way) }
        }
        return Episode(support: support, supportLabels: supportLabels, query: query, queryLabels: queryLabels)
    }

    /// How many queries lie nearest (squared Euclidean) to their own class's support mean, given the embeddings of
    /// support then query clips, example-major.
    func correctQueries(_ embeddings: [Float], width: Int) -> Int {
        let ways = (supportLabels.max() ?? -1) + 1
        var means = [Float](repeating: 0, count: ways * width), counts = [Float](repeating: 0, count: ways)
        for (i, l) in supportLabels.enumerated() {
            counts[l] += 1
            for d in 0..<width { means[l * width + d] += embeddings[i * width + d] }
        }
        for l in 0..<ways { for d in 0..<width { means[l * width + d] /= max(counts[l], 1) } }
        var correct = 0
        for (j, truth) in queryLabels.enumerated() {
            let row = (support.count + j) * width
            let nearest = (0..<ways).min { a, b in
                distance(embeddings, row, means, a * width, width) < distance(embeddings, row, means, b * width, width)
            }
            if nearest == truth { correct += 1 }
        }
        return correct
    }

    private func distance(_ x: [Float], _ i: Int, _ m: [Float], _ j: Int, _ width: Int) -> Float {
        var s: Float = 0
        for d in 0..<width { let t = x[i + d] - m[j + d]; s += t * t }
        return s
    }
}
