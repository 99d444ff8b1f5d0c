import ArgumentParser
import Experiment

/// `--memory-budget`: shared by the commands that build a model for training.
struct MemoryBudgetOption: ParsableArguments {
    @Option(name: .customLong("memory-budget"), help: ArgumentHelp(
        "GiB a training run may use; a model or batch estimated to need more is refused before training "
        + "(default: 80% of this machine's memory).", valueName: "GiB"))
    var gib: Double?

    /// The budget asked for, or the machine's default.
    func budget() throws -> MemoryBudget {
        guard let gib else { return .machineDefault }
        guard gib > 0, gib < 1_048_576 else { throw CLIFailure("--memory-budget must be a positive number of GiB", code: Exit.badInput) }
        return MemoryBudget(bytes: Int(gib * 1_073_741_824))
    }
}
