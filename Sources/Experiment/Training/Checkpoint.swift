import RunStore
import Foundation
import NN

/// Everything needed to continue a run exactly where it stopped, in one file written atomically.
///
/// Weights, batch-norm statistics, optimizer slots and the best weights so far are tensors of one safetensors
/// file; the rest (epoch, optimizer scalars, schedule, early stopping, history) is JSON in its metadata, so a
/// crash can never pair the weights of one epoch with the bookkeeping of another.
struct Checkpoint {
    struct Progress: Codable {
        var version = 1
        /// Fingerprint of the resolved config; a checkpoint of another config is refused.
        var fingerprint: String
        /// Epochs completed.
        var epochs: Int
        var optimizerType: String
        var optimizerIterations: Int
        var optimizerScalars: [String: Float]
        var rates: LearningRateController
        var history: [HistoryRow]
        var bestMetric: Double?
        var bestEpoch: Int
        var wait: Int
    }

    var progress: Progress
    var weights: [(name: String, shape: [Int], values: [Float])]
    var optimizerSlots: [String: [Float]]
    var bestWeights: [(name: String, shape: [Int], values: [Float])]?

    static let fileName = "checkpoint.safetensors"

    func write(to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var tensors = weights.map { SafetensorsTensor(name: "model/" + $0.name, shape: $0.shape, values: $0.values) }
        for (k, v) in optimizerSlots { tensors.append(SafetensorsTensor(name: "optimizer/" + k, shape: [v.count], values: v)) }
        for w in bestWeights ?? [] { tensors.append(SafetensorsTensor(name: "best/" + w.name, shape: w.shape, values: w.values)) }
        let json = String(decoding: try JSONEncoder().encode(progress), as: UTF8.self)
        try SafetensorsFile(tensors: tensors, metadata: ["progress": json]).write(to: directory.appendingPathComponent(Self.fileName))
    }

    /// Reads the checkpoint in `directory`, nil when there is none.
    static func read(from directory: URL) throws -> Checkpoint? {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let file = try SafetensorsFile.read(from: url)
        guard let json = file.metadata["progress"],
              let progress = try? JSONDecoder().decode(Progress.self, from: Data(json.utf8)) else {
            throw CheckpointError("\(url.path): not a soundlab checkpoint (no progress record)")
        }
        var weights: [(String, [Int], [Float])] = [], best: [(String, [Int], [Float])] = []
        var slots: [String: [Float]] = [:]
        // Model order matters for loading; safetensors stores names sorted, so keep the order of `weights` by name.
        for t in file.tensors {
            if t.name.hasPrefix("model/") { weights.append((String(t.name.dropFirst(6)), t.shape, t.values)) }
            else if t.name.hasPrefix("best/") { best.append((String(t.name.dropFirst(5)), t.shape, t.values)) }
            else if t.name.hasPrefix("optimizer/") { slots[String(t.name.dropFirst(10))] = t.values }
        }
        return Checkpoint(progress: progress, weights: weights.map { ($0.0, $0.1, $0.2) }, optimizerSlots: slots,
                          bestWeights: best.isEmpty ? nil : best.map { ($0.0, $0.1, $0.2) })
    }
}

/// A checkpoint that cannot be used; one line.
public struct CheckpointError: Error, CustomStringConvertible {
    /// The message.
    public let description: String
    init(_ message: String) { description = message }
}
