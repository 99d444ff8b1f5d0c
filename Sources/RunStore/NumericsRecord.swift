/// How a run computed: the BLAS kernel family, its threads and the fixed work split decide the last digits, so
/// `run.json` records them and a run made one way is never taken for a run made the other.
public struct NumericsRecord: Sendable, Equatable, Codable {
    /// `pinned` (the same bits on every x86-64 CPU with AVX2) or `native` (this machine's own kernel).
    public var blasMode: String
    /// OpenBLAS's build description (version and options), from `openblas_get_config`.
    public var blasLibrary: String
    /// OpenBLAS threads per call.
    public var blasThreads: Int
    /// Parts a large product is split into (fixed, whatever the machine's cores).
    public var splitParts: Int
    /// True when the numbers may differ on another machine (`native`).
    public var machineSpecific: Bool

    public init(blasMode: String, blasLibrary: String, blasThreads: Int, splitParts: Int, machineSpecific: Bool) {
        (self.blasMode, self.blasLibrary, self.blasThreads) = (blasMode, blasLibrary, blasThreads)
        (self.splitParts, self.machineSpecific) = (splitParts, machineSpecific)
    }

    enum CodingKeys: String, CodingKey {
        case blasMode = "blas_mode", blasLibrary = "blas_library", blasThreads = "blas_threads"
        case splitParts = "split_parts", machineSpecific = "machine_specific"
    }
}
