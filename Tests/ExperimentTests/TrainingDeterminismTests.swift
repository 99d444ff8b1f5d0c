import Experiment
import Foundation
import NN
import Testing
import TensorCore

/// Same seed, same data → bit-identical weights, whichever thread of the worker pool computed which part.
/// The shapes are large enough that TensorCore splits the convolutions, sgemms and elementwise loops.
@Suite struct TrainingDeterminismTests {
    static let shape = [200, 64], examples = 32, classes = 4

    /// Trains the baseline 1D-CNN (at a smaller input) for one epoch of two batches; returns every weight's bits.
    static func trainedBits() throws -> [UInt32] {
        let config = try ExperimentConfig.load(path: repositoryRoot + "/experiments/baseline_1d_cnn.yaml", dataDirectory: nil)
        var model = config.model
        model.inputShape = shape
        let built = try GraphBuilder.build(model, classCount: classes, seed: 7)
        var rng = RNG(seed: 11)
        let size = shape.reduce(1, *)
        let source = InMemoryExamples(inputs: (0..<(examples * size)).map { _ in rng.normal() },
                                      labels: (0..<examples).map { _ in rng.below(classes) },
                                      validFrames: Array(repeating: shape[0], count: examples), exampleShape: shape)
        var train = config.train
        train.epochs = 1
        train.batchSize = 16
        let trainer = Trainer(model: built.module, config: train, classCount: classes, seed: 5, classWeights: nil)
        _ = try trainer.fit(train: source, validation: nil)
        return built.module.stateList().flatMap { $0.values.map(\.bitPattern) }
    }

    @Test func twoTrainingsWithTheSameSeedGiveBitIdenticalWeights() throws {
        let first = try Self.trainedBits()
        // Two more at once: one of them finds the pool busy and runs every part on its own thread.
        let results = Mutex2()
        DispatchQueue.concurrentPerform(iterations: 2) { i in results.set(i, Result { try Self.trainedBits() }) }
        for r in results.values {
            let bits = try r.get()
            #expect(bits.count == first.count)
            #expect(bits == first)
        }
    }

    @Test func trainingChangesTheWeights() throws {
        // Guards the test above against comparing untouched initial weights.
        let config = try ExperimentConfig.load(path: repositoryRoot + "/experiments/baseline_1d_cnn.yaml", dataDirectory: nil)
        var model = config.model
        model.inputShape = Self.shape
        let initial = try GraphBuilder.build(model, classCount: Self.classes, seed: 7).module.stateList()
            .flatMap { $0.values.map(\.bitPattern) }
        let trained = try Self.trainedBits()
        #expect(initial.count == trained.count)
        #expect(zip(initial, trained).filter { $0 != $1 }.count > initial.count / 2)
    }
}

/// Two result slots written from two threads.
private final class Mutex2: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[UInt32], Error>?] = [nil, nil]
    func set(_ i: Int, _ r: Result<[UInt32], Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    var values: [Result<[UInt32], Error>] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}
