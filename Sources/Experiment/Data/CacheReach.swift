import AudioFeatures
import Foundation

/// The cache entries experiments can read: every audio file under each experiment's data root, with its
/// feature settings (a superset of what its runs read; `soundlab cache prune` keeps these).
public enum CacheReach {
    /// (files, settings) per non-abstract experiment in `paths`; a bad file throws its `ConfigError`.
    public static func items(experiments paths: [String]) throws -> [(urls: [URL], settings: FeatureSettings)] {
        var filesByRoot: [String: [URL]] = [:]
        var items: [(urls: [URL], settings: FeatureSettings)] = []
        for path in paths {
            let config = try ExperimentConfig.load(path: path)
            if config.isAbstract { continue }
            let root = URL(fileURLWithPath: config.data.root).standardizedFileURL
            if filesByRoot[root.path] == nil { filesByRoot[root.path] = audioFiles(under: root) }
            items.append((filesByRoot[root.path]!, config.features))
        }
        return items
    }

    private static func audioFiles(under root: URL) -> [URL] {
        let found = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return found.filter(AudioDecoder.isAudioFile).sorted { $0.path < $1.path }
    }
}
