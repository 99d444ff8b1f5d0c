import Foundation

/// One clip's role in a run, a line of `split.csv`: which clips trained the model, which chose it, which scored it.
public struct SplitRow: Sendable, Equatable {
    /// The clip's path relative to the dataset root (`Training/Cat/cat_1.wav`).
    public var file: String
    /// Its class name.
    public var label: String
    /// `train`, `validation`, or the evaluation set's name.
    public var subset: String

    /// A split row.
    public init(file: String, label: String, subset: String) {
        self.file = file
        self.label = label
        self.subset = subset
    }

    static let header = ["file", "class", "subset"]

    /// The rows as CSV text.
    public static func csv(_ rows: [SplitRow]) throws -> String {
        try CSVTable(header: header, rows: rows.map { [$0.file, $0.label, $0.subset] }).text()
    }

    /// Parses `split.csv`.
    public static func parse(_ text: String, path: String) throws -> [SplitRow] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return table.rows.map { SplitRow(file: $0[0], label: $0[1], subset: $0[2]) }
    }
}
