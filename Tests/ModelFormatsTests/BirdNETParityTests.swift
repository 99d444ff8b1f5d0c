import AudioFeatures
import Crypto
import Foundation
import ModelFormats
import TensorCore
import Testing

/// The model `make birdnet` puts in models/birdnet/ (never committed; `make test` fetches it first).
private let modelURL = repositoryRoot.appendingPathComponent("models/birdnet/\(BirdNETBackbone.modelFileName)")
private let modelPresent = FileManager.default.fileExists(atPath: modelURL.path)

private struct Manifest: Decodable {
    struct Clip: Decodable {
        let name: String
        let path: String?
        let samples: Int
        let windows: Int
        let input_sha256: String
    }
    let model_sha256: String
    let clips: [Clip]
}

/// Loaded once for every test in this file (50 MB of weights).
private let loaded: Result<BirdNETBackbone, any Error> = Result { try BirdNETBackbone.load(modelURL) }

/// BirdNET V2.4 against TFLite's interpreter (XNNPACK, as birdnetlib runs it) on real clips recorded at 48 kHz:
/// the clip's mean embedding and mean class logits within 1e-4. Skipped, saying so, when the model is absent.
@Suite(.enabled(if: modelPresent, "BirdNET model missing at models/birdnet/: run `make birdnet` to fetch it (skipping parity)"))
struct BirdNETParityTests {
    @Test func modelIsTheOneTheFixturesWereMadeWith() throws {
        let model = try loaded.get().model
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: try fixturesFolder().appendingPathComponent("birdnet/manifest.json")))
        #expect(model.sha256 == manifest.model_sha256)
        #expect(model.sha256 == BirdNETBackbone.modelSHA256)
        #expect(model.opNames.count == 376)
        #expect(model.opCounts.count == 32)
    }

    @Test(arguments: ["Kus_162", "Kus_99", "Kus_163", "tavuk_1", "Kus_199", "silence"])
    func clipMatchesTFLite(_ name: String) throws {
        let b = try loaded.get()
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: try fixturesFolder().appendingPathComponent("birdnet/manifest.json")))
        let clip = try #require(manifest.clips.first { $0.name == name })
        var samples = [Float](repeating: 0, count: clip.samples)
        if let path = clip.path {
            let audio = try AudioDecoder.decode(repositoryRoot.appendingPathComponent(path))
            #expect(audio.sampleRate == BirdNETBackbone.sampleRate && audio.channels == 1)
            samples = audio.samples
        }
        let windows = try BirdNETBackbone.windows(of: samples)
        #expect(windows.count == clip.windows)
        let bytes = windows.flatMap { $0 }.withUnsafeBytes { Data($0) }
        #expect(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == clip.input_sha256,
                "the windows are the generator's, sample for sample")

        // Batches of 4: the six-window clip runs in two batches, the others in one.
        let (embedding, scores, count) = try b.embed(samples, batchSize: 4)
        #expect(count == clip.windows)
        let dir = try fixturesFolder().appendingPathComponent("birdnet")
        let wantEmbedding = try floats(dir.appendingPathComponent("\(name).embedding.f32"))
        let wantScores = try floats(dir.appendingPathComponent("\(name).scores.f32"))
        #expect(embedding.count == 1024 && scores.count == 6522)
        let embeddingError = zip(embedding, wantEmbedding).map { abs($0 - $1) }.max() ?? .infinity
        let scoreError = zip(scores, wantScores).map { abs($0 - $1) }.max() ?? .infinity
        print("BirdNET parity \(name): \(count) window(s), max |embedding - TFLite| \(embeddingError), max |logit - TFLite| \(scoreError)")
        #expect(embeddingError <= 1e-4)
        #expect(scoreError <= 1e-4)
        #expect(embedding.allSatisfy(\.isFinite) && scores.allSatisfy(\.isFinite))
    }

    @Test func labelsNameEveryClass() throws {
        let b = try loaded.get()
        let labels = try b.labels(at: modelURL.deletingLastPathComponent().appendingPathComponent(BirdNETBackbone.labelsFileName))
        #expect(labels.count == 6522)
        #expect(labels[0] == "Abroscopus albogularis_Rufous-faced Warbler")
        let short = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).txt")
        try "a_A\nb_B\nc_C\n".write(to: short, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: short) }
        #expect(throws: BirdNETError.labelCount(path: short.path, found: 3, expected: 6522)) { try b.labels(at: short) }
    }

    @Test func truncatedModelIsRejected() throws {
        let bytes = [UInt8](try Data(contentsOf: modelURL))
        for length in [16, 100_000, bytes.count / 2, bytes.count - 1] {
            #expect(throws: TFLiteError.self, "first \(length) bytes") {
                try TFLiteModel(bytes: Array(bytes[..<length]), source: "truncated BirdNET")
            }
        }
    }

    @Test func emptyClipIsAnError() {
        #expect(throws: BirdNETError.emptyClip) { try BirdNETBackbone.windows(of: []) }
    }
}

@Test func windowsFollowTheDocumentedRule() throws {
    let w = BirdNETBackbone.windowLength
    #expect(try BirdNETBackbone.windows(of: [Float](repeating: 1, count: 10)).count == 1)
    #expect(try BirdNETBackbone.windows(of: [Float](repeating: 1, count: w)).count == 1)
    #expect(try BirdNETBackbone.windows(of: [Float](repeating: 1, count: w + 47_999)).count == 1, "a tail under 1 s is dropped")
    #expect(try BirdNETBackbone.windows(of: [Float](repeating: 1, count: w + 48_000)).count == 2)
    let padded = try BirdNETBackbone.windows(of: [Float](repeating: 1, count: 10))[0]
    #expect(padded.count == w && padded[9] == 1 && padded[10] == 0)
    #expect(throws: BirdNETError.emptyClip) { try BirdNETBackbone.windows(of: []) }
}

@Test func missingModelSaysHowToFetchIt() {
    let url = URL(fileURLWithPath: "/nonexistent/\(BirdNETBackbone.modelFileName)")
    #expect(throws: BirdNETError.missingModel(path: url.path)) { try BirdNETBackbone.load(url) }
    #expect(BirdNETError.missingModel(path: url.path).description.contains("run `make birdnet`"))
}

extension BirdNETParityTests {
    /// Inputs the model was not made for (too short for one FFT frame, empty, an empty batch) end in a result or
    /// a TFLiteError naming the op, never in a trap.
    @Test(arguments: [[1, 0], [0, 144_000], [1, 1], [1, 1000], [1, 2047], [1, 4096], [2, 48_000]])
    func oddInputShapesNeverTrap(_ shape: [Int]) throws {
        let model = try loaded.get().model
        let input = Tensor(shape: shape, repeating: 0.25)
        do {
            let out = try model.run([input])
            #expect(out[0].shape.last == 6522)
        } catch {
            print("BirdNET on \(shape): \(error)")
        }
    }
}

extension BirdNETParityTests {
    /// Two windows' values where the trainable top starts (two tones in a little noise).
    private func blockInput(_ model: TFLiteModel, _ name: String) throws -> Tensor {
        try model.run([try blockInputWindow()], fetching: [name])[0]
    }

    /// The top of the model, run as a subgraph with the file's weights as inputs, gives the embedding and the logits
    /// the whole model gives, for each number of blocks it can fine-tune.
    @Test(arguments: [1, 2, 3])
    func trainableTopReproducesTheModel(_ blocks: Int) throws {
        let backbone = try loaded.get()
        let input = try blockInput(backbone.model, BirdNETBackbone.blockInputs[blocks - 1])
        #expect(Array(input.shape.dropFirst()) == BirdNETBackbone.blockInputShape)
        for toScores in [false, true] {
            let top = try backbone.trainableTop(blocks: blocks, toScores: toScores)
            let expected = try backbone.model.run([try blockInputWindow()], fetching: [top.output.name])[0]
            let got = try top.run(input, weights: top.initialWeights)
            #expect(got.shape == expected.shape)
            let worst = zip(got.scalars, expected.scalars).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-5, "blocks \(blocks) scores \(toScores): max difference \(worst)")
        }
    }

    /// Two 3 s windows of different tones in a little noise, the same every run.
    private func blockInputWindow() throws -> Tensor {
        var rng = RNG(seed: 4)
        return Tensor(shape: [2, BirdNETBackbone.windowLength], data: (0..<(2 * BirdNETBackbone.windowLength)).map { i in
            0.3 * sin(Float(i % 48_000) * 0.05 * Float(1 + i / 144_000)) + 0.05 * rng.uniform(-1, 1)
        })
    }

    /// Gradients through the top: for each weight, the derivative of Σ output · c along a random direction equals its
    /// central finite difference (in Double), so fine-tuning follows the true gradient of every op on the way.
    @Test func trainableTopGradientsMatchFiniteDifferences() throws {
        let backbone = try loaded.get()
        let top = try backbone.trainableTop(blocks: 2, toScores: false)
        let input = try blockInput(backbone.model, BirdNETBackbone.blockInputs[1])
        let weights = top.initialWeights.map { Tensor(shape: $0.shape, data: $0.scalars, requiresGrad: true) }
        var rng = RNG(seed: 9)
        let out = try top.run(input, weights: weights)
        let c = Tensor(shape: out.shape, data: (0..<out.count).map { _ in rng.uniform(-1, 1) })
        out.backward(seed: c)
        for (k, w) in weights.enumerated() {
            // A unit direction: a long random one would cross the ReLU kinks of the convolutions it moves.
            let raw = (0..<w.count).map { _ in rng.uniform(-1, 1) }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let direction = raw.map { $0 / norm }
            let analytic = zip(w.grad!.scalars, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            func loss(_ step: Float) throws -> Double {
                var moved = weights
                moved[k] = Tensor(shape: w.shape, data: zip(w.scalars, direction).map { $0 + step * $1 })
                let y = try Tensor.withoutGrad { try top.run(input, weights: moved) }.scalars
                return zip(y, c.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            }
            let eps: Float = 2e-3
            let numeric = (try loss(eps) - loss(-eps)) / Double(2 * eps)
            #expect(abs(analytic - numeric) <= 2e-2 * abs(numeric) + 1e-2,
                    "weight \(k) '\(top.weights[k].name)' \(w.shape): analytic \(analytic) vs numeric \(numeric)")
        }
    }
}
