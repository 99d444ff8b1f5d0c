import AtomicIO
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SafetensorsFile {
    /// The file's bytes: F32 tensors sorted by name, compact JSON header padded with spaces to a multiple of 8.
    ///
    /// `source` names the destination in errors (a bad shape, a duplicate or reserved name).
    public func encoded(source: String = "<memory>") throws -> Data {
        var seen = Set<String>()
        for t in tensors {
            guard !t.name.isEmpty, t.name != "__metadata__", seen.insert(t.name).inserted else {
                throw SafetensorsError(file: source, tensor: t.name, reason: .invalidName)
            }
            let expected = t.shape.reduce(1, *)
            guard t.shape.allSatisfy({ $0 >= 0 }), expected == t.values.count else {
                throw SafetensorsError(file: source, tensor: t.name,
                                       reason: .valueCountMismatch(expected: expected, actual: t.values.count))
            }
        }
        // Byte order of the UTF-8 names, as the Rust implementation behind the Python package sorts.
        let sorted = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

        var header = "{"
        var parts: [String] = []
        if !metadata.isEmpty {
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let fields = keys.map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            parts.append("\"__metadata__\":{\(fields.joined(separator: ","))}")
        }
        var offset = 0
        for t in sorted {
            let end = offset + 4 * t.values.count
            let shape = t.shape.map(String.init).joined(separator: ",")
            parts.append("\(jsonString(t.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += parts.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)

        var out = Data(capacity: 8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: headerBytes)
        for t in sorted {
            t.values.withUnsafeBufferPointer { buffer in
                #if _endian(little)
                out.append(UnsafeBufferPointer(start: buffer.baseAddress, count: buffer.count))
                #else
                for v in buffer { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
                #endif
            }
        }
        return out
    }

    /// Writes the file atomically: a temporary sibling is filled and renamed over `url`.
    public func write(to url: URL) throws {
        let data = try encoded(source: url.path)
        do {
            try AtomicFile.write(data, to: url, createFolder: false)
        } catch {
            throw SafetensorsError(file: url.path, reason: .io("cannot write: \(error.reason)"))
        }
    }
}

/// JSON string literal escaped as serde_json does (only quote, backslash and control characters).
private func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case let c where c.value < 0x20:
            let hex = String(c.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
