import Foundation

/// The experiment files commands default to.
public enum ExperimentFiles {
    /// Every `*.yaml` directly in `folder`, sorted by name (empty when the folder does not exist).
    public static func inFolder(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }
}
