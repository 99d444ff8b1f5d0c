/// Named streams under the experiment seed; a new purpose never shifts the draws of another.
enum StreamPurpose: UInt64 {
    case epochOrder = 1, dropout = 2, mixup = 3, waveAugment = 4, specAugment = 5, split = 6, initialWeights = 7
    case syntheticNoise = 8
    case crossValidationFolds = 9, crossValidationRun = 10
    case episodes = 11, secondView = 12, fewShot = 13
}
