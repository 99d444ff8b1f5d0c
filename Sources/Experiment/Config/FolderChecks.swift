import Foundation

/// Data folders the config names, checked after reading so each missing one is reported where it was written.
final class FolderChecks {
    struct Requirement {
        var path: String
        var field: String
        var location: SourceLocation
    }

    var root: (path: String, field: String, location: SourceLocation)?
    var trainFolder: (path: String, location: SourceLocation)?
    var classes: (names: [String], field: String, location: SourceLocation)?
    var classWeights: [(name: String, field: String, location: SourceLocation)] = []
    private var requirements: [Requirement] = []
    private var files: [(path: String, field: String, location: SourceLocation, missing: String)] = []

    /// Requires a folder at `path` under the data root.
    func require(_ path: String, field: String, at location: SourceLocation) {
        requirements.append(Requirement(path: path, field: field, location: location))
    }

    /// Requires a file at `path`, relative to the directory soundlab runs from (a pretrained model); `missing`
    /// says how to get it.
    func requireFile(_ path: String, field: String, at location: SourceLocation, missing: String) {
        files.append((path, field, location, missing))
    }

    /// Class names the config can vouch for without looking at the disk.
    var declaredClasses: [String]? { classes?.names }

    /// Checks every folder relative to `directory` (the directory `root` is relative to).
    func run(in directory: String, sink: DiagnosticSink) {
        for file in files {
            let onDisk = file.path.hasPrefix("/") ? file.path : ConfigPaths.join(directory, file.path)
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: onDisk, isDirectory: &isDirectory) || isDirectory.boolValue {
                sink.report(file.location, "\(file.field): file '\(file.path)' does not exist: \(file.missing)")
            }
        }
        guard let root else { return }
        // An absolute root names its folder by itself; only a relative one hangs off `directory`.
        let absolute = root.path.hasPrefix("/")
        let rootOnDisk = absolute ? ConfigPaths.normalize(root.path) : ConfigPaths.join(directory, root.path)
        guard ConfigPaths.isDirectory(rootOnDisk) else {
            let whence = absolute ? "" : " (relative to \(describe(directory)))"
            sink.report(root.location, "\(root.field): data folder '\(root.path)' does not exist\(whence)")
            return
        }
        var seen: Set<String> = []
        for requirement in requirements where seen.insert("\(requirement.field)|\(requirement.path)").inserted {
            if !ConfigPaths.isDirectory(ConfigPaths.join(rootOnDisk, requirement.path)) {
                sink.report(requirement.location,
                            "\(requirement.field): folder '\(ConfigPaths.join(root.path, requirement.path))' does not exist")
            }
        }
        guard let trainFolder else { return }
        let trainOnDisk = ConfigPaths.join(rootOnDisk, trainFolder.path)
        guard ConfigPaths.isDirectory(trainOnDisk) else { return }
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: trainOnDisk)) ?? [])
            .filter { !$0.hasPrefix(".") && ConfigPaths.isDirectory(ConfigPaths.join(trainOnDisk, $0)) }
            .sorted()
        let trainShown = ConfigPaths.join(root.path, trainFolder.path)
        if found.isEmpty {
            sink.report(trainFolder.location, "data.train: folder '\(trainShown)' has no class folders")
            return
        }
        if let classes {
            for name in classes.names where !found.contains(name) {
                sink.report(classes.location, "\(classes.field): no class folder '\(name)' in '\(trainShown)'"
                            + Suggestion.hint(for: name, in: found))
            }
        } else {
            for weight in classWeights where !found.contains(weight.name) {
                sink.report(weight.location, "\(weight.field): no class folder '\(weight.name)' in '\(trainShown)'"
                            + Suggestion.hint(for: weight.name, in: found))
            }
        }
    }

    private func describe(_ directory: String) -> String {
        directory == "." ? "the current directory" : "'\(directory)'"
    }
}
