import Foundation

/// `labels.json`: class index → name, as a JSON object whose keys are the indices in numeric
/// order (`{"0": "Bird", "1": "Cat"}`), the shape Keras/PyTorch tooling loads with `json.load`.
public enum ClassLabels {
    /// The JSON text for names in index order.
    public static func json(_ names: [String]) throws -> String {
        if names.isEmpty { return "{}\n" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Keys are written by hand: sorted-keys would put "10" before "2".
        let lines = try names.enumerated().map { index, name in
            "  \"\(index)\": \(String(decoding: try encoder.encode(name), as: UTF8.self))"
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    /// Names in index order; the keys must be exactly 0..<n.
    public static func parse(json text: String, path: String) throws -> [String] {
        let object: [String: String]
        do {
            object = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw RunStoreError.malformed(path: path, reason: "expected a JSON object of index → class name")
        }
        return try (0..<object.count).map { index in
            guard let name = object[String(index)] else {
                throw RunStoreError.malformed(path: path, reason: "indices must run 0..<\(object.count), '\(index)' is missing")
            }
            return name
        }
    }
}
