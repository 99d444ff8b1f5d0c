import AtomicIO
import Foundation

/// `runs/.sweeps/<id>/`: the sweep's manifest (`sweep.json`: its keys and runs, what `table --sweep` reads), the
/// last execution's state (`state.json`: what failed, the Slurm job ids), one log per run under `logs/`, the
/// Slurm scripts, and the summary (`summary.md`, `charts/`). Hidden from run listings by its leading dot.
public struct SweepFolder: Sendable {
    public let url: URL

    public init(runsDirectory: URL, id: String) {
        url = runsDirectory.appendingPathComponent(".sweeps").appendingPathComponent(id)
    }

    public var manifest: URL { url.appendingPathComponent("sweep.json") }
    public var state: URL { url.appendingPathComponent("state.json") }
    public var logs: URL { url.appendingPathComponent("logs") }
    public var charts: URL { url.appendingPathComponent("charts") }
    public var summary: URL { url.appendingPathComponent("summary.md") }
    public func log(_ run: String) -> URL { logs.appendingPathComponent("\(run).log") }

    /// What `sweep.json` holds.
    public struct Manifest: Codable, Sendable, Equatable {
        public var id: String
        public var keys: [String]
        public var runs: [SweepRun]
    }

    /// What the last execution left: runs that failed (retried by `--retry-failed`) and, on Slurm, the job ids.
    public struct State: Codable, Sendable, Equatable {
        public var executor: String
        public var failed: [String]
        public var arrayJob: String?
        public var summaryJob: String?
        /// The array's tasks, by index: the runs array.sbatch was written for.
        public var tasks: [String]

        public init(executor: String, failed: [String], arrayJob: String? = nil, summaryJob: String? = nil, tasks: [String] = []) {
            self.executor = executor
            self.failed = failed
            self.arrayJob = arrayJob
            self.summaryJob = summaryJob
            self.tasks = tasks
        }
    }

    public func write(_ plan: SweepPlan) throws {
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try writeJSON(Manifest(id: plan.id, keys: plan.keys, runs: plan.runs), to: manifest)
    }

    public func readManifest() throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: manifest.path) else {
            let known = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path))?.sorted() ?? []
            throw DataError("no sweep \(url.lastPathComponent) in \(url.deletingLastPathComponent().relativePath)"
                + (known.isEmpty ? "" : " (sweeps there: \(known.joined(separator: ", ")))"))
        }
        return try JSONDecoder().decode(Manifest.self, from: data)
    }

    public func write(_ state: State) throws { try writeJSON(state, to: self.state) }

    public func readState() -> State? {
        FileManager.default.contents(atPath: state.path).flatMap { try? JSONDecoder().decode(State.self, from: $0) }
    }

    private func writeJSON(_ value: some Encodable, to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(value) + Data("\n".utf8), to: file)
    }
}
