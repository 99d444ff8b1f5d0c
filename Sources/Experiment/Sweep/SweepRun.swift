/// One run of a sweep: an experiment file, its overrides and one seed, trained into `runs/<name>/` by
/// `soundlab run <file> --only-seed <seed> --set <override>...`.
public struct SweepRun: Sendable, Equatable, Codable {
    /// The run folder's name, e.g. `gmp_1d_cnn-lr=3e-4-seed7`.
    public var name: String
    /// The experiment file.
    public var file: String
    /// The `--set` overrides (grid values, the renamed experiment, the seed list), in that order.
    public var overrides: [String]
    /// The seed of this run.
    public var seed: Int
    /// This run's value of each grid axis, in the plan's axis order.
    public var values: [String]
    /// The resolved config the run folder must hold to be current; not part of the manifest.
    public var resolvedYAML = ""

    enum CodingKeys: String, CodingKey { case name, file, overrides, seed, values }

    /// The arguments of the `soundlab run` that trains this run (after the binary).
    public func arguments(_ child: SweepChild) -> [String] {
        ["run", file, "--only-seed", String(seed)] + overrides.flatMap { ["--set", $0] } + child.commonArguments
    }
}
