import ArgumentParser
import TensorCore

extension BLASMode: ExpressibleByArgument {}

/// `--blas`: the option every command that computes with the tensor core shares.
struct NumericsOptions: ParsableArguments {
    @Option(name: .customLong("blas"), help: ArgumentHelp(
        "pinned: OpenBLAS's Haswell kernels on one thread, the same numbers on every x86-64 CPU with AVX2 (default). "
        + "native: this CPU's own kernel, recorded in run.json as machine-specific.",
        valueName: "pinned|native"))
    var blas: BLASMode = .pinned

    /// Loads OpenBLAS in the chosen mode; must run before anything computes.
    func load() throws {
        do { try BLAS.load(blas) } catch { throw CLIFailure(error.description) }
    }
}
