import Experiment
import Foundation
import Testing

@Suite struct ConfigDocsTests {
    /// docs/experiments.md holds every generated key table between its markers.
    @Test func docsTablesMatchTheDeclarations() throws {
        let docs = try String(contentsOfFile: "\(repositoryRoot)/docs/experiments.md", encoding: .utf8)
        #expect(ConfigDocs.tables.count == 8)
        for (marker, table) in ConfigDocs.tables {
            let expected = "<!-- \(marker) -->\n\(table)\n<!-- /\(marker) -->"
            #expect(docs.contains(expected), "docs/experiments.md must hold, verbatim:\n\(expected)\n")
        }
    }
}
