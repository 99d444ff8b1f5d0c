/// The tool version written into every run's provenance. Part of a run's staleness: bump it when a change moves
/// numbers (summation order, features), so `make experiments` retrains what the old binary produced.
enum SoundLabVersion {
    static let string = "0.4.0"
}
