/// Which OpenBLAS kernels soundlab computes with. The kernel decides the last digits of every sgemm, so it is
/// chosen by soundlab, not inherited from the CPU or the environment.
public enum BLASMode: String, Sendable, CaseIterable {
    /// OpenBLAS's Haswell kernels (AVX2 + FMA3) on one thread: the same bits on every x86-64 CPU with AVX2,
    /// whatever `OPENBLAS_CORETYPE` or `OPENBLAS_NUM_THREADS` say.
    case pinned
    /// The kernel OpenBLAS picks for this CPU (AVX-512 where it has it): sometimes faster, and its results are
    /// those of this machine only.
    case native

    /// The OpenBLAS core name `pinned` asks for.
    public static let pinnedCore = "Haswell"

    /// Whether results computed in this mode may differ on another machine.
    public var isMachineSpecific: Bool { self == .native }
}
