/// How the model is trained.
public struct TrainConfig: Sendable, Equatable {
    /// Passes over the training set.
    public var epochs: Int = 30
    /// Examples per optimisation step.
    public var batchSize: Int = 32
    /// Optimiser and its hyper-parameters.
    public var optimizer = OptimizerConfig()
    /// Learning-rate schedule.
    public var schedule = ScheduleConfig()
    /// Loss function.
    public var loss = LossConfig()
    /// Per-class loss weights.
    public var classWeights: ClassWeights = .unweighted
    /// How batches are drawn from the training set.
    public var sampler: Sampler = .shuffle
    /// When to stop before `epochs`.
    public var earlyStopping = EarlyStoppingConfig()
    /// When to write resumable checkpoints.
    public var checkpoint = CheckpointConfig()

    /// The defaults.
    public init() {}
}

/// Optimiser settings; fields an optimiser does not use are ignored by it.
public struct OptimizerConfig: Sendable, Equatable {
    /// The optimisers the trainer knows.
    public enum Kind: String, Sendable, CaseIterable {
        /// Adam (Kingma & Ba).
        case adam
        /// Adam with decoupled weight decay (Loshchilov & Hutter).
        case adamw
        /// Adam with Nesterov momentum (Dozat).
        case nadam
        /// Stochastic gradient descent, optionally with (Nesterov) momentum.
        case sgd
    }
    /// Which optimiser.
    public var type: Kind = .adam
    /// Base learning rate.
    public var lr: Double = 1e-3
    /// First-moment decay (Adam family).
    public var beta1: Double = 0.9
    /// Second-moment decay (Adam family).
    public var beta2: Double = 0.999
    /// Denominator guard (Adam family; Keras's default 1e-7).
    public var epsilon: Double = 1e-7
    /// L2 penalty (decoupled for adamw).
    public var weightDecay: Double = 0
    /// Momentum (sgd).
    public var momentum: Double = 0
    /// Nesterov momentum (sgd).
    public var nesterov: Bool = false
    /// Global gradient-norm clip; `nil` = no clipping.
    public var clipNorm: Double? = nil
    /// The defaults.
    public init() {}
}

/// Learning-rate schedule; fields a schedule does not use are ignored by it.
public struct ScheduleConfig: Sendable, Equatable {
    /// The schedules the trainer knows.
    public enum Kind: String, Sendable, CaseIterable {
        /// `lr` throughout (after any warm-up).
        case constant
        /// `lr * gamma^(epoch / step_size)`.
        case step
        /// Cosine decay from `lr` to `min_lr` over the remaining epochs.
        case cosine
        /// Multiply by `factor` after `patience` epochs without improvement, down to `min_lr`.
        case plateau
    }
    /// Which schedule.
    public var type: Kind = .constant
    /// Epochs of linear warm-up from 0 to `lr` before the schedule starts.
    public var warmupEpochs: Int = 0
    /// `step`: epochs between decays.
    public var stepSize: Int = 10
    /// `step`: multiplier at each decay.
    public var gamma: Double = 0.1
    /// `cosine`/`plateau`: floor of the learning rate.
    public var minLR: Double = 0
    /// `plateau`: epochs without improvement of the monitored metric before decaying.
    public var patience: Int = 5
    /// `plateau`: multiplier at each decay.
    public var factor: Double = 0.5
    /// The defaults.
    public init() {}
}

/// Loss settings.
public struct LossConfig: Sendable, Equatable {
    /// The losses the trainer knows.
    public enum Kind: String, Sendable, CaseIterable {
        /// Softmax cross-entropy.
        case crossEntropy = "cross_entropy"
        /// Focal loss (Lin et al.), cross-entropy scaled by (1 - p)^gamma.
        case focal
    }
    /// Which loss.
    public var type: Kind = .crossEntropy
    /// Label smoothing in [0, 1).
    public var labelSmoothing: Double = 0
    /// `focal`: focusing exponent.
    public var gamma: Double = 2
    /// `focal`: class-balance weight; `nil` = none.
    public var alpha: Double? = nil
    /// The defaults.
    public init() {}
}

/// Per-class weights in the loss.
public enum ClassWeights: Sendable, Equatable {
    /// Every class weighs 1 (YAML `none`).
    case unweighted
    /// Weights inversely proportional to class frequency in the training split (YAML `balanced`).
    case balanced
    /// Explicit weights by class name (YAML mapping); classes not named weigh 1.
    case explicit([String: Double])
}

/// How training batches are drawn.
public enum Sampler: String, Sendable, CaseIterable {
    /// Every example once per epoch, in a seeded random order.
    case shuffle
    /// Classes drawn uniformly, then an example within the class.
    case balanced
    /// Minority classes repeated up to the size of the largest class, then shuffled.
    case oversample
}

/// Early stopping on a validation metric.
public struct EarlyStoppingConfig: Sendable, Equatable {
    /// The metrics that can be monitored.
    public enum Monitor: String, Sendable, CaseIterable {
        /// Validation loss (lower is better).
        case valLoss = "val_loss"
        /// Validation accuracy (higher is better).
        case valAccuracy = "val_accuracy"
        /// Validation macro F1 (higher is better).
        case valMacroF1 = "val_macro_f1"
    }
    /// Metric watched.
    public var monitor: Monitor = .valLoss
    /// Epochs without improvement before stopping; `nil` = never stop early.
    public var patience: Int? = nil
    /// Smallest change that counts as an improvement.
    public var minDelta: Double = 0
    /// Whether the best epoch's weights are restored at the end.
    public var restoreBest: Bool = true
    /// The defaults.
    public init() {}
}

/// Checkpoint cadence.
public struct CheckpointConfig: Sendable, Equatable {
    /// A resumable checkpoint is written every this many epochs.
    public var everyEpochs: Int = 1
    /// The defaults.
    public init() {}
}

extension TrainConfig {
    /// `hasValidation`: whether data holds clips out; without them nothing can be monitored, and a setting that
    /// monitors would silently do nothing.
    init(_ r: ConfigReader, checks: FolderChecks, hasValidation: Bool = true) {
        epochs = r.int("epochs", default: epochs, .atLeast(1))
        batchSize = r.int("batch_size", default: batchSize, .atLeast(1))

        let o = r.child("optimizer")
        optimizer.type = o.choice("type", default: optimizer.type)
        optimizer.lr = o.double("lr", default: optimizer.lr, .greaterThan(0))
        optimizer.beta1 = o.double("beta1", default: optimizer.beta1, .halfOpen(0, 1))
        optimizer.beta2 = o.double("beta2", default: optimizer.beta2, .halfOpen(0, 1))
        optimizer.epsilon = o.double("epsilon", default: optimizer.epsilon, .greaterThan(0))
        optimizer.weightDecay = o.double("weight_decay", default: optimizer.weightDecay, .atLeast(0))
        optimizer.momentum = o.double("momentum", default: optimizer.momentum, .halfOpen(0, 1))
        optimizer.nesterov = o.bool("nesterov", default: optimizer.nesterov)
        optimizer.clipNorm = o.optionalDouble("clip_norm", default: optimizer.clipNorm, .greaterThan(0))
        o.finish()

        let s = r.child("schedule")
        schedule.type = s.choice("type", default: schedule.type)
        schedule.warmupEpochs = s.int("warmup_epochs", default: schedule.warmupEpochs, .atLeast(0))
        schedule.stepSize = s.int("step_size", default: schedule.stepSize, .atLeast(1))
        schedule.gamma = s.double("gamma", default: schedule.gamma, .openClosed(0, 1))
        schedule.minLR = s.double("min_lr", default: schedule.minLR, .atLeast(0))
        schedule.patience = s.int("patience", default: schedule.patience, .atLeast(1))
        schedule.factor = s.double("factor", default: schedule.factor, .openClosed(0, 1))
        s.finish()
        if schedule.type == .plateau, !hasValidation {
            s.report("type", "\(s.field("type")) plateau watches the validation loss, but data.validation_fraction is 0 (no validation clips)")
        }
        if schedule.warmupEpochs >= epochs, schedule.warmupEpochs > 0 {
            s.report("warmup_epochs", "\(s.field("warmup_epochs")) must be less than train.epochs (\(epochs)), got \(schedule.warmupEpochs)")
        }

        let l = r.child("loss")
        loss.type = l.choice("type", default: loss.type)
        loss.labelSmoothing = l.double("label_smoothing", default: loss.labelSmoothing, .halfOpen(0, 1))
        loss.gamma = l.double("gamma", default: loss.gamma, .atLeast(0))
        loss.alpha = l.optionalDouble("alpha", default: loss.alpha, .openClosed(0, 1))
        l.finish()

        classWeights = Self.classWeights(r, checks: checks)
        sampler = r.choice("sampler", default: sampler)

        let e = r.child("early_stopping")
        earlyStopping.monitor = e.choice("monitor", default: earlyStopping.monitor)
        earlyStopping.patience = e.optionalInt("patience", default: earlyStopping.patience, .atLeast(1))
        earlyStopping.minDelta = e.double("min_delta", default: earlyStopping.minDelta, .atLeast(0))
        earlyStopping.restoreBest = e.bool("restore_best", default: earlyStopping.restoreBest)
        e.finish()
        if earlyStopping.patience != nil, !hasValidation {
            e.report("patience", "\(e.field("patience")) needs validation clips to monitor, but data.validation_fraction is 0")
        }

        let c = r.child("checkpoint")
        checkpoint.everyEpochs = c.int("every_epochs", default: checkpoint.everyEpochs, .atLeast(1))
        c.finish()
        r.finish()
    }

    private static func classWeights(_ r: ConfigReader, checks: FolderChecks) -> ClassWeights {
        let field = r.field("class_weights")
        guard let v = r.present("class_weights") else { return .unweighted }
        switch v.string {
        case "none": return .unweighted
        case "balanced": return .balanced
        default: break
        }
        guard let entries = v.entries else {
            let hint = v.string.map { Suggestion.hint(for: $0, in: ["none", "balanced"]) } ?? ""
            r.sink.report(v.location, "\(field) must be none, balanced or a mapping of class: weight, got \(v)\(hint)")
            return .unweighted
        }
        var weights: [String: Double] = [:]
        for entry in entries {
            if let w = r.checkedDouble(entry.value, field: "\(field).\(entry.key)", .greaterThan(0)) {
                weights[entry.key] = w
            }
            if let declared = checks.declaredClasses {
                if !declared.contains(entry.key) {
                    r.sink.report(entry.keyLocation, "\(field): '\(entry.key)' is not in data.classes"
                                  + Suggestion.hint(for: entry.key, in: declared))
                }
            } else {
                checks.classWeights.append((entry.key, field, entry.keyLocation))
            }
        }
        return .explicit(weights)
    }

    var resolved: ConfigValue {
        let weights: ConfigValue = switch classWeights {
        case .unweighted: Resolved.string("none")
        case .balanced: Resolved.string("balanced")
        case .explicit(let w): Resolved.map(w.keys.sorted().map { ($0, Resolved.number(w[$0]!)) })
        }
        return Resolved.map([
            ("epochs", Resolved.int(epochs)),
            ("batch_size", Resolved.int(batchSize)),
            ("optimizer", Resolved.map([
                ("type", Resolved.string(optimizer.type.rawValue)),
                ("lr", Resolved.number(optimizer.lr)),
                ("beta1", Resolved.number(optimizer.beta1)),
                ("beta2", Resolved.number(optimizer.beta2)),
                ("epsilon", Resolved.number(optimizer.epsilon)),
                ("weight_decay", Resolved.number(optimizer.weightDecay)),
                ("momentum", Resolved.number(optimizer.momentum)),
                ("nesterov", Resolved.bool(optimizer.nesterov)),
                ("clip_norm", Resolved.number(optimizer.clipNorm)),
            ])),
            ("schedule", Resolved.map([
                ("type", Resolved.string(schedule.type.rawValue)),
                ("warmup_epochs", Resolved.int(schedule.warmupEpochs)),
                ("step_size", Resolved.int(schedule.stepSize)),
                ("gamma", Resolved.number(schedule.gamma)),
                ("min_lr", Resolved.number(schedule.minLR)),
                ("patience", Resolved.int(schedule.patience)),
                ("factor", Resolved.number(schedule.factor)),
            ])),
            ("loss", Resolved.map([
                ("type", Resolved.string(loss.type.rawValue)),
                ("label_smoothing", Resolved.number(loss.labelSmoothing)),
                ("gamma", Resolved.number(loss.gamma)),
                ("alpha", Resolved.number(loss.alpha)),
            ])),
            ("class_weights", weights),
            ("sampler", Resolved.string(sampler.rawValue)),
            ("early_stopping", Resolved.map([
                ("monitor", Resolved.string(earlyStopping.monitor.rawValue)),
                ("patience", Resolved.int(earlyStopping.patience)),
                ("min_delta", Resolved.number(earlyStopping.minDelta)),
                ("restore_best", Resolved.bool(earlyStopping.restoreBest)),
            ])),
            ("checkpoint", Resolved.map([("every_epochs", Resolved.int(checkpoint.everyEpochs))])),
        ])
    }
}
