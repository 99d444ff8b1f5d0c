import AtomicIO
import Foundation
import RunStore

/// The summary of a finished sweep: its table (the grid's keys as columns, then the usual metrics; seeds of one
/// setting folded into a row of means ± sd) and its charts (`SweepCharts` and the comparison charts of its runs).
public struct SweepSummary {
    public let manifest: SweepFolder.Manifest
    /// The sweep's runs that have a finished folder.
    public let runs: [Run]
    public let table: RunTable

    /// Reads sweep `id` under `runsDirectory`; `columns` replaces the metric columns after the keys, `sort` as in `RunTable`.
    public init(runsDirectory: URL, id: String, columns: [String]? = nil, sort: String? = nil) throws {
        manifest = try SweepFolder(runsDirectory: runsDirectory, id: id).readManifest()
        let store = RunStore(root: runsDirectory)
        let names = Set(try store.runNames())
        runs = try manifest.runs.filter { names.contains($0.name) }.map { try store.load($0.name) }
        guard !runs.isEmpty else { throw DataError("sweep \(id) has no finished run in \(runsDirectory.relativePath) yet") }
        table = try RunTable(runs: runs, columns: manifest.keys + (columns ?? RunTable.defaultColumns), sort: sort)
    }

    /// Runs of the sweep with no finished folder.
    public var missing: [String] {
        let have = Set(runs.map { $0.folder.lastPathComponent })
        return manifest.runs.map(\.name).filter { !have.contains($0) }
    }

    /// Writes the table (markdown) to the sweep's `summary.md` and the charts into its `charts/`; returns the table.
    public func write(into folder: SweepFolder) throws -> String {
        let markdown = try table.render(.markdown)
        try AtomicFile.write(Data(markdown.utf8), to: folder.summary)
        try writeCharts(into: folder.charts)
        return markdown
    }

    /// Writes the sweep charts and the comparison charts of its runs into `folder`; returns the files written.
    @discardableResult
    public func writeCharts(into folder: URL) throws -> [String] {
        let sweep = SweepCharts.render(manifest, runs: runs)
        for (file, svg) in sweep.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(Data(svg.utf8), to: folder.appendingPathComponent(file))
        }
        return (try RunCharts.writeComparison(runs: runs, into: folder) + sweep.keys).sorted()
    }
}
