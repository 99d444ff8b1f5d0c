import Foundation
import RunStore

/// Opens a run folder for use, naming the first file of the contract it lacks before anything is read.
enum RunFolderCheck {
    /// The run and its resolved config (data folders are not checked: a model is usable without its dataset).
    static func open(_ folder: URL) throws -> (Run, ExperimentConfig) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunStoreError.missingRun(path: folder.relativePath)
        }
        for file in [RunLayout.provenance, RunLayout.config, RunLayout.labels, RunLayout.summary]
        where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
            throw RunFitError.missingFile(run: folder.relativePath, file: file)
        }
        let run = try Run.load(folder: folder)
        let path = folder.appendingPathComponent(RunLayout.config).path
        let config = try ExperimentConfig.resolve(try ConfigFileLoader.load(text: run.config, path: path),
                                                  name: run.provenance.experiment, overrides: [], dataDirectory: nil)
        return (run, config)
    }
}
