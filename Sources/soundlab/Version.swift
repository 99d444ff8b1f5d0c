/// The tool version written into every run's provenance.
enum SoundLabVersion {
    static let string = "0.1.0"
}
