import NN
import TensorCore

/// The optimizer, learning-rate controller and losses a `TrainConfig` asks for, each built by its catalogue entry.
struct TrainingSetup {
    let optimizer: Optimizer
    var rates: LearningRateController
    /// The losses, or why the configured loss cannot train yet (a config built in code skips validation).
    let losses: Result<TrainingLosses, any Error>

    init(_ train: TrainConfig, classWeights: [Float]?) {
        optimizer = train.optimizer.makeOptimizer()
        rates = train.schedule.entry.makeController(learningRate: Float(train.optimizer.lr), epochs: train.epochs)
        losses = Result { try train.loss.entry.makeLosses(classWeights: classWeights) }
    }
}
