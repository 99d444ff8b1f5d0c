import Foundation
import NN

/// What training a model holds in memory, estimated from its layer table before any weight is allocated, and
/// the budget it must fit: a model or batch that cannot fit is refused by `validate` and `run` with the estimate,
/// instead of being killed by the system halfway through.
public struct MemoryBudget: Sendable, Equatable {
    /// Bytes a run may use.
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    /// 80 % of this machine's memory.
    public static var machineDefault: MemoryBudget {
        MemoryBudget(bytes: Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8))
    }

    /// Bytes of one training step: weights, gradients and two optimizer slots per parameter (4 floats), and for
    /// each layer output of the batch its value, its gradient and as much workspace (3 floats).
    public static func estimate(parameters: Int, layerOutputs: [[Int]], batchSize: Int) -> Int {
        let perExample = layerOutputs.reduce(0) { total, shape in
            total.addingReportingOverflow(shape.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: max($1, 1)).partialValue }).partialValue
        }
        let (activations, o1) = perExample.multipliedReportingOverflow(by: batchSize * 3 * 4)
        let (weights, o2) = parameters.multipliedReportingOverflow(by: 4 * 4)
        return o1 || o2 ? .max : activations.addingReportingOverflow(weights).partialValue
    }

    /// Throws when `bytes` is over the budget, saying what would be needed.
    func check(estimate bytes: Int, parameters: Int, batchSize: Int) throws(ConfigError) {
        guard bytes > self.bytes else { return }
        func gib(_ b: Int) -> String { b == .max ? "more than can be counted" : String(format: "%.1f GiB", Double(b) / 1_073_741_824) }
        throw ConfigError([ConfigDiagnostic(SourceLocation(file: "model", line: 0, column: 0),
            "the model would need about \(gib(bytes)) to train (\(parameters) parameters, batch \(batchSize)), over the "
            + "memory budget of \(gib(self.bytes)); make it smaller, lower train.batch_size, or raise --memory-budget")])
    }
}
