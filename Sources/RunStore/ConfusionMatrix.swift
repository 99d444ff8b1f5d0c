import Foundation

/// `metrics/confusion_matrix.csv`: counts with rows = true class, columns = predicted class; the
/// header and the first column carry the class names.
public struct ConfusionMatrix: Sendable, Equatable {
    /// Class names in index order.
    public var labels: [String]
    /// `counts[true][predicted]`.
    public var counts: [[Int]]

    /// A confusion matrix; `counts` must be labels.count × labels.count.
    public init(labels: [String], counts: [[Int]]) {
        self.labels = labels
        self.counts = counts
    }

    /// The first header cell, saying which way the matrix reads.
    static let corner = "true\\predicted"

    /// The CSV text.
    public func csv() throws -> String {
        let rows = zip(labels, counts).map { [$0] + $1.map(String.init) }
        return try CSVTable(header: [ConfusionMatrix.corner] + labels, rows: rows).text()
    }

    /// Reads the CSV text; `path` names the file in errors.
    public static func parse(csv text: String, path: String) throws -> ConfusionMatrix {
        let table = try CSVTable.parse(text, path: path)
        guard table.header.first == corner else {
            throw RunStoreError.malformed(path: path, reason: "first header cell must be '\(corner)'")
        }
        let labels = Array(table.header.dropFirst())
        guard table.rows.map({ $0[0] }) == labels else {
            throw RunStoreError.malformed(path: path, reason: "row labels differ from column labels")
        }
        let counts = try table.rows.map { row in
            try zip(labels, row.dropFirst()).map { try CSVTable.integer($1, column: $0, path: path) }
        }
        return ConfusionMatrix(labels: labels, counts: counts)
    }
}
