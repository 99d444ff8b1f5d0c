import Experiment
import Testing

/// The estimate counts 4 floats per parameter (weight, gradient, two optimizer slots) and 3 per value of every
/// layer output of the batch (value, gradient, workspace); sizes too large to count saturate instead of wrapping.
@Test func memoryEstimateCountsParametersAndBatchActivations() {
    #expect(MemoryBudget.estimate(parameters: 1000, layerOutputs: [[-1, 10, 4], [-1, 5]], batchSize: 2)
            == 1000 * 16 + (40 + 5) * 2 * 12)
    #expect(MemoryBudget.estimate(parameters: Int.max / 4, layerOutputs: [], batchSize: 1) == .max)
}
