import NN
import TensorCore

/// The optimizer, learning-rate controller and losses a `TrainConfig` asks for.
struct TrainingSetup {
    let optimizer: Optimizer
    var rates: LearningRateController
    let loss: (Tensor, Tensor) -> Tensor
    /// The same loss without class weights, as Keras reports `val_loss`.
    let validationLoss: (Tensor, Tensor) -> Tensor

    init(_ train: TrainConfig, classWeights: [Float]?) {
        let o = train.optimizer
        let lr = Float(o.lr), clip = o.clipNorm.map(Float.init)
        switch o.type {
        case .adam:
            optimizer = Adam(learningRate: lr, beta1: Float(o.beta1), beta2: Float(o.beta2), epsilon: Float(o.epsilon),
                             weightDecay: Float(o.weightDecay), globalClipNorm: clip)
        case .adamw:
            optimizer = AdamW(learningRate: lr, weightDecay: Float(o.weightDecay), beta1: Float(o.beta1),
                              beta2: Float(o.beta2), epsilon: Float(o.epsilon), globalClipNorm: clip)
        case .nadam:
            optimizer = Nadam(learningRate: lr, beta1: Float(o.beta1), beta2: Float(o.beta2), epsilon: Float(o.epsilon),
                              weightDecay: Float(o.weightDecay), globalClipNorm: clip)
        case .sgd:
            optimizer = SGD(learningRate: lr, momentum: Float(o.momentum), nesterov: o.nesterov,
                            weightDecay: Float(o.weightDecay), globalClipNorm: clip)
        }
        let s = train.schedule
        switch s.type {
        case .constant:
            rates = LearningRateController(schedule: .constant(lr))
        case .step:
            rates = LearningRateController(schedule: .step(initial: lr, every: s.stepSize, factor: Float(s.gamma)))
        case .cosine:
            rates = LearningRateController(schedule: .cosine(initial: lr, warmupEpochs: Double(s.warmupEpochs),
                                                             totalEpochs: Double(train.epochs), minimum: Float(s.minLR)))
        case .plateau:
            rates = LearningRateController(schedule: .constant(lr),
                                           plateau: ReduceLROnPlateau(factor: Float(s.factor), patience: s.patience,
                                                                      minLearningRate: Float(s.minLR)))
        }
        let l = train.loss
        switch l.type {
        case .crossEntropy:
            let weighted = SoftmaxCrossEntropy(classWeights: classWeights, labelSmoothing: Float(l.labelSmoothing))
            let plain = SoftmaxCrossEntropy(classWeights: nil, labelSmoothing: Float(l.labelSmoothing))
            loss = { weighted(logits: $0, targets: $1) }
            validationLoss = { plain(logits: $0, targets: $1) }
        case .focal:
            let focal = FocalLoss(gamma: Float(l.gamma), alpha: Float(l.alpha ?? 0.25))
            loss = { focal(logits: $0, targets: $1) }
            validationLoss = loss
        }
    }
}
