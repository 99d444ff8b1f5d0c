import AtomicIO
import RunStore
import Augment
import Foundation
import NN
import TensorCore

/// What the trainer reports while it runs (the CLI turns these into a progress bar or plain lines).
public enum TrainingEvent {
    /// A batch finished: epoch (1-based), batch (1-based), batches per epoch, running loss and accuracy.
    case batch(epoch: Int, batch: Int, of: Int, loss: Double, accuracy: Double)
    /// An epoch finished.
    case epoch(HistoryRow, best: Bool)
    /// Training resumed from a checkpoint after this many epochs.
    case resumed(epochs: Int)
    /// Early stopping ended training; the best epoch's weights are restored if configured.
    case stoppedEarly(bestEpoch: Int)
}

/// How training ended.
public struct TrainingOutcome {
    /// One record per completed epoch.
    public let history: [HistoryRow]
    /// Epoch (1-based) whose weights the model holds now.
    public let weightsFromEpoch: Int
    /// Training time in seconds (this process only, when resumed).
    public let seconds: Double
}

/// Trains a module on an `ExampleSource`: seeded order, class weights, samplers, mixup, validation,
/// early stopping with best-weights restore, and a checkpoint after every epoch so `--resume` ends with
/// exactly the numbers of an uninterrupted run.
public final class Trainer {
    let model: any Module
    let config: TrainConfig
    let classCount: Int
    let seed: UInt64
    let mixup: Mixup?
    var setup: TrainingSetup
    let parameters: [NamedParameter]
    let objective: TrainingObjective

    /// A trainer for `model` with `config`; `classWeights` (one per class) multiply each sample's loss.
    /// Called with a label at the end of each part of a training step (batch input, targets, zeroGrad, optimizer
    /// step, metrics), so a profiler can charge the time since the previous op to it; nil outside benchmarks.
    public var phaseDone: ((String) -> Void)?
    /// The training clips without augmentation, when `fit`'s source cannot give them (its inputs are recomputed per
    /// epoch); a final nearest_prototype layer's prototypes are their class means.
    var cleanTraining: ExampleSource?

    public init(model: any Module, config: TrainConfig, classCount: Int, seed: UInt64,
                classWeights: [Float]?, mixup: Mixup? = nil) {
        self.model = model
        self.config = config
        self.classCount = classCount
        self.seed = seed
        self.mixup = mixup
        self.setup = TrainingSetup(config, classWeights: classWeights)
        self.objective = TrainingObjective(config)
        // Frozen paths keep their values: their parameters never reach the optimizer.
        self.parameters = model.trainableParameters().filter { p in
            !config.freeze.contains { p.name == $0 || p.name.hasPrefix($0 + ".") }
        }
    }

    /// Trains for `config.epochs` (or until early stopping). With `checkpointDirectory`, writes a checkpoint after
    /// each epoch and, when `resume` is set, continues from the one found there (made with the same `fingerprint`).
    public func fit(train: ExampleSource, validation: ExampleSource?, checkpointDirectory: URL? = nil,
                    resume: Bool = false, fingerprint: String = "",
                    report: (TrainingEvent) -> Void = { _ in }) throws -> TrainingOutcome {
        // A config built in code skips validation: a loss this model cannot train is refused here, before any step.
        if let problem = TrainingObjective.problem(config, field: "train", model: model) { throw DataError(problem) }
        let started = Date()
        var history: [HistoryRow] = []
        var best: (metric: Double?, epoch: Int, wait: Int, weights: [(name: String, shape: [Int], values: [Float])]?) = (nil, 0, 0, nil)
        var firstEpoch = 0
        if resume, let dir = checkpointDirectory, let cp = try Checkpoint.read(from: dir) {
            guard cp.progress.fingerprint == fingerprint else {
                throw CheckpointError("the checkpoint in \(dir.path) was made with a different config or data; run without --resume to start over")
            }
            try model.loadStateList(cp.weights)
            try setup.optimizer.load(OptimizerState(restoring: cp.progress.optimizerType, iterations: cp.progress.optimizerIterations,
                                                    scalars: cp.progress.optimizerScalars, slots: cp.optimizerSlots))
            setup.rates = cp.progress.rates
            history = cp.progress.history
            best = (cp.progress.bestMetric, cp.progress.bestEpoch, cp.progress.wait, cp.bestWeights)
            firstEpoch = cp.progress.epochs
            report(.resumed(epochs: firstEpoch))
        }
        let monitor = config.earlyStopping.monitor
        let patience = config.earlyStopping.patience
        // As in Keras, best weights belong to early stopping: without a patience the last epoch's weights stay.
        let restoreBest = patience != nil && config.earlyStopping.restoreBest
        var stopped = false
        if let patience, firstEpoch > 0, best.wait >= patience { stopped = true }
        var epoch = firstEpoch
        // Epochs a resume would continue from: the last checkpoint written (or every epoch done, without checkpoints).
        var safeEpochs = firstEpoch
        while epoch < config.epochs && !stopped {
            let t0 = Date()
            let loss: Double, accuracy: Double
            do {
                switch objective {
                case .classification: (loss, accuracy) = try trainEpoch(epoch, train, report: report)
                case .joint(let c): (loss, accuracy) = try trainViewsEpoch(epoch, train, contrastive: c.loss, weight: Float(c.weight), report: report)
                case .contrastive(let l): (loss, accuracy) = try trainViewsEpoch(epoch, train, contrastive: l, weight: nil, report: report)
                case .episodic(let e): (loss, accuracy) = try trainEpisodes(epoch, train, episodes: e, report: report)
                }
            } catch is TrainingInterrupted {
                throw TrainingInterrupted(completedEpochs: checkpointDirectory == nil ? epoch : safeEpochs)
            }
            var record = HistoryRow(epoch: epoch + 1, loss: loss, accuracy: accuracy, valLoss: .nan, valAccuracy: .nan,
                                    valMacroF1: .nan, lr: Double(setup.optimizer.learningRate), seconds: 0)
            if let validation, validation.count > 0, objective.validates {
                refreshPrototypes(from: train)
                let v = evaluate(validation)
                record.valLoss = v.loss
                record.valAccuracy = v.metrics.accuracy
                record.valMacroF1 = v.metrics.macro.f1
                _ = setup.rates.endEpoch(epoch, metric: Float(v.loss))
            }
            record.seconds = Date().timeIntervalSince(t0)
            history.append(record)
            // Early stopping and best weights, on the monitored validation metric.
            var improved = false
            if let value = monitored(record, monitor) {
                let delta = config.earlyStopping.minDelta
                let better = best.metric.map { monitor == .valLoss ? value < $0 - delta : value > $0 + delta } ?? true
                if better {
                    best.metric = value; best.epoch = epoch + 1; best.wait = 0; improved = true
                    if restoreBest { best.weights = model.stateList() }
                } else {
                    best.wait += 1
                }
            }
            epoch += 1
            if let patience, best.wait >= patience { stopped = true }
            // The checkpoint goes to disk before the epoch is reported: once the user sees "epoch 9", a kill loses
            // nothing of it.
            if let dir = checkpointDirectory, epoch % max(config.checkpoint.everyEpochs, 1) == 0 || stopped || epoch == config.epochs {
                let state = setup.optimizer.state()
                let progress = Checkpoint.Progress(fingerprint: fingerprint, epochs: epoch, optimizerType: state.type,
                                                   optimizerIterations: state.iterations, optimizerScalars: state.scalars,
                                                   rates: setup.rates, history: history, bestMetric: best.metric,
                                                   bestEpoch: best.epoch, wait: best.wait)
                try Checkpoint(progress: progress, weights: model.stateList(), optimizerSlots: state.slots,
                               bestWeights: best.weights).write(to: dir)
                safeEpochs = epoch
            }
            // The history so far beside the checkpoints, after every epoch: a long run can be watched (and its
            // curves drawn) while it trains; the run folder gets the final one.
            if let dir = checkpointDirectory {
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try AtomicFile.write(Data(try HistoryRow.csv(history).utf8), to: dir.appendingPathComponent("history.csv"))
            }
            report(.epoch(record, best: improved))
        }
        var weightsEpoch = history.count
        if restoreBest, let w = best.weights, best.epoch != history.count {
            try model.loadStateList(w)
            weightsEpoch = best.epoch
            report(.stoppedEarly(bestEpoch: best.epoch))
        }
        // The prototypes of the weights the stage ends with, from every training clip, so evaluation (and the saved
        // model) classify as the last validation did.
        refreshPrototypes(from: train)
        return TrainingOutcome(history: history, weightsFromEpoch: weightsEpoch, seconds: Date().timeIntervalSince(started))
    }

    private func monitored(_ r: HistoryRow, _ m: EarlyStoppingConfig.Monitor) -> Double? {
        switch m {
        case .valLoss: HistoryRow.present(r.valLoss)
        case .valAccuracy: HistoryRow.present(r.valAccuracy)
        case .valMacroF1: HistoryRow.present(r.valMacroF1)
        }
    }

    /// One pass over the training examples; returns mean loss and accuracy.
    private func trainEpoch(_ epoch: Int, _ source: ExampleSource, report: (TrainingEvent) -> Void) throws -> (Double, Double) {
        try source.prepare(epoch: epoch)
        var orderRNG = RNG(seed: seed, stream: [StreamPurpose.epochOrder.rawValue, UInt64(epoch)])
        let losses = try setup.losses.get()
        let order = ClassBalance.epochOrder(labels: source.labels, classCount: classCount, sampler: config.sampler, rng: &orderRNG)
        let batchSize = config.batchSize
        let batches = (order.count + batchSize - 1) / batchSize
        var lossSum = 0.0, correct = 0, seen = 0
        for b in 0..<batches {
            if Interrupt.requested { throw TrainingInterrupted(completedEpochs: epoch) }
            let idx = order[(b * batchSize)..<min((b + 1) * batchSize, order.count)]
            let n = idx.count
            // `fill` writes every value of the batch, so the buffer is not zeroed first (8 MB per batch here).
            let x = Tensor.filled([n] + source.exampleShape) { source.fill(idx, epoch: epoch, into: $0.baseAddress!) }
            phaseDone?("trainer: batch input")
            let labels = idx.map { source.labels[$0] }
            var targets = [Float](repeating: 0, count: n * classCount)
            for (i, l) in labels.enumerated() { targets[i * classCount + l] = 1 }
            var input = x
            if let mixup {
                var g = RNG(seed: seed, stream: [StreamPurpose.mixup.rawValue, UInt64(epoch), UInt64(b)])
                var features = x.scalars
                mixup.apply(features: &features, labels: &targets, batch: n, using: &g)
                input = Tensor(shape: x.shape, data: features)
            }
            // Progress strictly inside (epoch, epoch + 1): a warm-up's first step already moves, and a step schedule
            // changes exactly at an epoch boundary, never on an epoch's last batch.
            setup.optimizer.learningRate = setup.rates.rate(epoch: Double(epoch) + Double(b + 1) / Double(batches + 1))
            let context = ForwardContext(training: true, rng: RNG(seed: seed, stream: [StreamPurpose.dropout.rawValue, UInt64(epoch), UInt64(b)]))
            phaseDone?("trainer: targets, rate, context")
            let logits = model.logits(input, context: context)
            let loss = losses.train(logits, Tensor(shape: [n, classCount], data: targets))
            guard loss.item.isFinite else { throw TrainingDiverged(epoch: epoch + 1, batch: b + 1, loss: loss.item) }
            model.zeroGrad()
            phaseDone?("trainer: zeroGrad")
            loss.backward()
            setup.optimizer.step(parameters)
            phaseDone?("optimizer step")
            lossSum += Double(loss.item) * Double(n)
            let predicted = logits.argmax(axis: -1)
            correct += zip(predicted, labels).filter { $0 == $1 }.count
            seen += n
            report(.batch(epoch: epoch + 1, batch: b + 1, of: batches, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen)))
            phaseDone?("trainer: metrics, report, releases")
        }
        return (lossSum / Double(max(seen, 1)), Double(correct) / Double(max(seen, 1)))
    }

    /// Inference over `source` in batches: predictions, mean loss (no class weights) and metrics.
    public func evaluate(_ source: ExampleSource, classNames: [String]? = nil) -> Evaluation {
        let names = classNames ?? (0..<classCount).map(String.init)
        var predicted: [Int] = []
        var probabilities: [Float] = []
        var lossSum = 0.0
        let batchSize = max(config.batchSize, 1)
        let all = Array(0..<source.count)
        let validationLoss = (try? setup.losses.get())?.validation
        Tensor.withoutGrad {
            for start in stride(from: 0, to: source.count, by: batchSize) {
                let idx = all[start..<min(start + batchSize, source.count)]
                let x = Tensor.filled([idx.count] + source.exampleShape) { source.fill(idx, epoch: nil, into: $0.baseAddress!) }
                let logits = model.logits(x, context: .inference)
                let labels = idx.map { source.labels[$0] }
                // A loss the trainer cannot use (only reachable from a config built in code) reports no loss.
                lossSum += (validationLoss.map { Double($0(logits, oneHot(labels, classes: classCount)).item) } ?? .nan) * Double(idx.count)
                predicted += logits.argmax(axis: -1)
                probabilities += logits.softmax(axis: -1).scalars
            }
        }
        let metrics = ClassificationMetrics(truth: source.labels, predicted: predicted, classes: names)
        return Evaluation(loss: lossSum / Double(max(source.count, 1)), predicted: predicted, probabilities: probabilities,
                          metrics: metrics)
    }
}

/// The result of running a trained model over a set.
public struct Evaluation {
    /// Mean loss without class weights.
    public let loss: Double
    /// Predicted class per example.
    public let predicted: [Int]
    /// Softmax of the logits, example-major (examples × classes).
    public let probabilities: [Float]
    /// Accuracy, per-class report, confusion matrix.
    public let metrics: ClassificationMetrics
}
