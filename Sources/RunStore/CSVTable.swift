import CSV
import Foundation

/// A CSV file as a header and rows of strings, written and parsed with CSV.swift (quoting of
/// commas and quotes in class names is its job); every file ends with a newline.
public struct CSVTable: Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    public func text() throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows { try writer.write(row: row) }
        writer.stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data,
              let text = String(data: data, encoding: .utf8) else {
            throw CSVError.cannotWriteStream
        }
        return text + "\n"
    }

    static func parse(_ text: String, path: String) throws -> CSVTable {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw RunStoreError.malformed(path: path, reason: "not CSV (\(error))")
        }
        guard let header = reader.headerRow else {
            throw RunStoreError.malformed(path: path, reason: "empty file, expected a header line")
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            if row == [""] { continue }  // blank line
            guard row.count == header.count else {
                throw RunStoreError.malformed(
                    path: path, reason: "row \(rows.count + 1) has \(row.count) fields, header has \(header.count)")
            }
            rows.append(row)
        }
        if let error = reader.error {
            throw RunStoreError.malformed(path: path, reason: "not CSV (\(error))")
        }
        return CSVTable(header: header, rows: rows)
    }

    /// Checks the header is exactly `expected`, naming the file when it is not.
    func require(header expected: [String], path: String) throws {
        guard header == expected else {
            throw RunStoreError.malformed(
                path: path, reason: "header is '\(header.joined(separator: ","))', expected '\(expected.joined(separator: ","))'")
        }
    }

    static func number(_ text: String, column: String, path: String) throws -> Double {
        guard let value = MetricFormat.parse(text) else {
            throw RunStoreError.malformed(path: path, reason: "'\(text)' in column \(column) is not a number")
        }
        return value
    }

    static func integer(_ text: String, column: String, path: String) throws -> Int {
        guard let value = Int(text) else {
            throw RunStoreError.malformed(path: path, reason: "'\(text)' in column \(column) is not an integer")
        }
        return value
    }
}
