import Experiment
import Foundation
import Testing

/// A scratch folder of experiment files for one test; removed when the test is done with it.
final class ConfigScratch {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("soundlab-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// Writes `text` to `name` (relative to the scratch root) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Creates the default dataset layout (`Animals_Sounds/{Training,Test}/<class>`, `Noise/wind`).
    func makeDataset(classes: [String] = ["Bird", "Cat", "Dog"]) throws {
        for split in ["Training", "Test"] {
            for c in classes {
                try FileManager.default.createDirectory(atPath: "\(root)/Animals_Sounds/\(split)/\(c)",
                                                        withIntermediateDirectories: true)
            }
        }
        try FileManager.default.createDirectory(atPath: "\(root)/Animals_Sounds/Noise/wind",
                                                withIntermediateDirectories: true)
    }
}

/// The diagnostics `load` reports (empty when the file is valid).
func diagnostics(_ path: String, overrides: [String] = [], dataDirectory: String? = nil) -> [String] {
    do {
        _ = try ExperimentConfig.load(path: path, overrides: overrides, dataDirectory: dataDirectory)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// A minimal valid model, for files whose subject is elsewhere.
let minimalModel = """
    model:
      layers:
        - {type: flatten}
        - {type: dense, units: classes, activation: softmax}

    """

/// The repository root, found from this file's path (tests must not depend on the working directory).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
