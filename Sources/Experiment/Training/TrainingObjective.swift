import NN

/// What one stage optimises, read off its loss and `contrastive` keys: the classifier's loss on labelled batches,
/// that loss plus NT-Xent over two views (CLAR), NT-Xent alone without labels (SimCLR), or the prototypical loss
/// in episodes (ProtoNet).
enum TrainingObjective {
    case classification
    case joint(ContrastiveConfig)
    case contrastive(NTXentLoss)
    case episodic(EpisodeConfig)

    init(_ train: TrainConfig) {
        if let ntxent = train.loss.entry as? NTXentOptions {
            self = .contrastive(ntxent.loss)
        } else if train.loss.entry is PrototypicalOptions {
            self = .episodic(train.episodes ?? EpisodeConfig())
        } else if let contrastive = train.contrastive {
            self = .joint(contrastive)
        } else {
            self = .classification
        }
    }

    /// False when an epoch trains no classifier (SimCLR), so validation metrics would describe an untrained head.
    var validates: Bool {
        if case .contrastive = self { false } else { true }
    }

    /// Why `model` cannot be trained on `train` (the stage at `field`), or nil when it can.
    static func problem(_ train: TrainConfig, field: String, model: any Module) -> String? {
        let network = model as? EmbeddingNetwork
        let loss = train.loss.entry.name
        switch TrainingObjective(train) {
        case .contrastive where train.contrastive != nil, .episodic where train.contrastive != nil:
            return "\(field).contrastive adds NT-Xent to a classification loss, but \(field).loss is \(loss)"
        case .contrastive, .joint:
            guard network?.projection != nil else {
                let what = train.contrastive != nil ? "\(field).contrastive" : "\(field).loss \(loss)"
                return "\(what) compares projections of the embedding: declare model.projection (a list of layers on the "
                    + "output of model.embedding)"
            }
        case .episodic:
            guard network?.prototypes != nil else {
                return "\(field).loss prototypical classifies by distance to class prototypes: end model.layers with "
                    + "{type: nearest_prototype, units: classes}"
            }
        case .classification:
            break
        }
        if network?.prototypes != nil, case .classification = TrainingObjective(train) {
            return "\(field).loss \(loss) needs trainable logits, but the model ends in nearest_prototype: use loss prototypical "
                + "(or ntxent for pre-training)"
        }
        if network?.prototypes != nil, case .joint = TrainingObjective(train) {
            return "\(field).loss \(loss) needs trainable logits, but the model ends in nearest_prototype: use loss prototypical"
        }
        return nil
    }
}

extension ExperimentConfig {
    /// Refuses a stage whose loss the model cannot train (NT-Xent without a projection head, prototypical without a
    /// final nearest_prototype layer, ...), before any data is read.
    func checkObjectives(model: any Module) throws(ConfigError) {
        let stages = stages.isEmpty ? [("train", train)] : stages.enumerated().map { ("stages.\($0.offset) (\($0.element.name))", $0.element.train) }
        if evaluate.fewShot != nil, !(model is EmbeddingNetwork) {
            throw ConfigError([ConfigDiagnostic(SourceLocation(file: "experiment \(name)", line: 0, column: 0),
                                                "evaluate.few_shot classifies by the model's embedding: name its layer with model.embedding")])
        }
        for (field, train) in stages {
            if let problem = TrainingObjective.problem(train, field: field, model: model) {
                throw ConfigError([ConfigDiagnostic(SourceLocation(file: "experiment \(name)", line: 0, column: 0), problem)])
            }
        }
    }
}
