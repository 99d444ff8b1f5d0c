import Foundation

/// The runs directory (`runs/`): lists and loads finished runs, writes the evaluation table.
public struct RunStore: Sendable {
    /// The directory holding one folder per run.
    public let root: URL

    /// A store over `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Names of finished runs, sorted: hidden folders (temporary or moved-aside runs) and folders
    /// whose `run.json` is missing or not complete are skipped.
    public func runNames() throws -> [String] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunStoreError.missingRunsDirectory(path: root.path)
        }
        let entries = try fm.contentsOfDirectory(atPath: root.path)
        return entries.filter { name in
            guard !name.hasPrefix(".") else { return false }
            let runJSON = root.appendingPathComponent(name).appendingPathComponent(RunLayout.provenance)
            guard let text = try? RunFile.read(runJSON),
                  let provenance = try? RunProvenance.parse(json: text, path: runJSON.path) else { return false }
            return provenance.complete
        }.sorted()
    }

    /// Loads the finished run called `name`.
    public func load(_ name: String) throws -> Run {
        try Run.load(folder: root.appendingPathComponent(name, isDirectory: true))
    }

    /// Loads every finished run, sorted by name.
    public func loadAll() throws -> [Run] {
        try runNames().map(load)
    }

    /// Writes `table` as `evaluation.md` and `evaluation.csv` into the runs directory, atomically.
    public func write(_ table: EvaluationTable) throws {
        try RunFile.write(table.markdown(), to: root.appendingPathComponent("evaluation.md"))
        try RunFile.write(try table.csv(), to: root.appendingPathComponent("evaluation.csv"))
    }
}
