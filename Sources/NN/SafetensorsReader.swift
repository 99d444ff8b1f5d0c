import Foundation

extension SafetensorsFile {
    /// Reads and validates a safetensors file; every problem is a ``SafetensorsError`` naming the path.
    public static func read(from url: URL) throws -> SafetensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SafetensorsError(file: url.path, reason: .io("cannot read: \(error.localizedDescription)"))
        }
        return try SafetensorsFile(decoding: data, source: url.path)
    }

    /// Decodes safetensors bytes; `source` names the data in errors.
    public init(decoding data: Data, source: String) throws {
        func fail(_ tensor: String? = nil, _ reason: SafetensorsError.Reason) -> SafetensorsError {
            SafetensorsError(file: source, tensor: tensor, reason: reason)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw fail(nil, .fileTooShort(bytes: bytes.count)) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        // The Python package refuses headers over 100 MB; checking first also keeps Int conversion safe.
        guard headerLength <= 100_000_000 else { throw fail(nil, .headerTooLarge(headerLength: headerLength)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw fail(nil, .headerLengthPastEnd(headerLength: headerLength, available: bytes.count - 8))
        }
        let headerEnd = 8 + Int(headerLength)
        let entries = try Self.parseHeader(bytes[8..<headerEnd], source: source)
        metadata = entries.metadata

        let bufferSize = bytes.count - headerEnd
        var layout: [(name: String, dtype: SafetensorsDtype, shape: [Int], begin: Int, end: Int)] = []
        for entry in entries.tensors {
            let name = entry.name
            guard let dtype = SafetensorsDtype(rawValue: entry.dtype) else {
                throw fail(name, .unsupportedDtype(entry.dtype))
            }
            let (begin, end) = entry.offsets
            guard begin <= end, end <= bufferSize else {
                throw fail(name, .offsetsOutOfRange(begin: begin, end: end, bufferSize: bufferSize))
            }
            var count = 1
            for d in entry.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow else { throw fail(name, .invalidEntry("shape \(entry.shape) overflows")) }
                count = product
            }
            let (expected, overflow) = count.multipliedReportingOverflow(by: dtype.size)
            guard !overflow, expected == end - begin else {
                throw fail(name, .sizeMismatch(expectedBytes: overflow ? Int.max : expected, actualBytes: end - begin))
            }
            layout.append((name, dtype, entry.shape, begin, end))
        }

        // Sorted by (begin, end) so zero-byte tensors sit before the tensor sharing their begin.
        layout.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var cursor = 0
        var previous: String?
        for item in layout {
            if item.begin < cursor { throw fail(item.name, .overlapping(other: previous ?? "")) }
            if item.begin > cursor { throw fail(item.name, .gap(at: cursor)) }
            cursor = item.end
            previous = item.name
        }
        if cursor != bufferSize { throw fail(previous, .gap(at: cursor)) }

        tensors = layout.map { item in
            let values = bytes.withUnsafeBytes { raw in
                Self.decode(UnsafeRawBufferPointer(rebasing: raw[(headerEnd + item.begin)..<(headerEnd + item.end)]),
                            as: item.dtype)
            }
            return SafetensorsTensor(name: item.name, shape: item.shape, values: values)
        }
    }

    private struct HeaderEntry {
        var name: String
        var dtype: String
        var shape: [Int]
        var offsets: (Int, Int)
    }

    private static func parseHeader(
        _ header: ArraySlice<UInt8>, source: String
    ) throws -> (tensors: [HeaderEntry], metadata: [String: String]) {
        func fail(_ reason: SafetensorsError.Reason) -> SafetensorsError {
            SafetensorsError(file: source, reason: reason)
        }
        // The Python reader demands a JSON object; trailing spaces are the writer's 8-byte padding.
        guard header.first == UInt8(ascii: "{") else {
            throw fail(.invalidJSON("header does not start with '{'"))
        }
        guard String(validating: header, as: UTF8.self) != nil else {
            throw fail(.invalidJSON("header is not UTF-8"))
        }
        guard (try? JSONSerialization.jsonObject(with: Data(header))) is [String: Any] else {
            throw fail(.invalidJSON("not a JSON object (\(header.count) bytes)"))
        }
        // HeaderValue never throws, so this can only fail on JSON the check above already accepted.
        let root = (try? JSONDecoder().decode([String: HeaderValue].self, from: Data(header))) ?? [:]
        var metadata: [String: String] = [:]
        var entries: [HeaderEntry] = []
        for (name, value) in root {
            func bad(_ why: String) -> SafetensorsError {
                SafetensorsError(file: source, tensor: name, reason: .invalidEntry(why))
            }
            switch value {
            case .metadata(let map) where name == "__metadata__":
                metadata = map
            case .metadata:
                throw bad("entry is not a {dtype, shape, data_offsets} object")
            case .invalid(let why):
                throw bad(name == "__metadata__" ? "__metadata__ is not a string-to-string map" : why)
            case .tensor where name == "__metadata__":
                throw bad("__metadata__ is not a string-to-string map")
            case .tensor(let dtype, let shape, let offsets):
                guard shape.allSatisfy({ $0 >= 0 }) else { throw bad("'shape' has a negative dimension") }
                guard offsets.count == 2, offsets.allSatisfy({ $0 >= 0 }) else {
                    throw bad("'data_offsets' is not [begin, end] of non-negative integers")
                }
                entries.append(HeaderEntry(name: name, dtype: dtype, shape: shape, offsets: (offsets[0], offsets[1])))
            }
        }
        return (entries, metadata)
    }

    /// A header value: a tensor entry, or the `__metadata__` string map.
    private enum HeaderValue: Decodable {
        case tensor(dtype: String, shape: [Int], offsets: [Int])
        case metadata([String: String])
        case invalid(String)

        private enum Keys: String, CodingKey { case dtype, shape, data_offsets }

        init(from decoder: Decoder) {
            if let map = try? decoder.singleValueContainer().decode([String: String].self) {
                self = .metadata(map)
                return
            }
            guard let c = try? decoder.container(keyedBy: Keys.self) else {
                self = .invalid("entry is not an object")
                return
            }
            guard let dtype = try? c.decode(String.self, forKey: .dtype) else {
                self = .invalid("missing string 'dtype'")
                return
            }
            guard let shape = try? c.decode([Int].self, forKey: .shape) else {
                self = .invalid("'shape' is not an array of integers")
                return
            }
            guard let offsets = try? c.decode([Int].self, forKey: .data_offsets) else {
                self = .invalid("'data_offsets' is not an array of integers")
                return
            }
            self = .tensor(dtype: dtype, shape: shape, offsets: offsets)
        }
    }

    private static func decode(_ raw: UnsafeRawBufferPointer, as dtype: SafetensorsDtype) -> [Float] {
        let count = raw.count / dtype.size
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            switch dtype {
            case .f32:
                for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            case .f64:
                for i in 0..<count { out[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
            case .f16:
                for i in 0..<count { out[i] = Float(halfBits: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            case .bf16:
                // bfloat16 is the top half of a float32.
                for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
            case .i64:
                for i in 0..<count { out[i] = Float(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))) }
            case .u64:
                for i in 0..<count { out[i] = Float(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) }
            case .i32:
                for i in 0..<count { out[i] = Float(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))) }
            case .u32:
                for i in 0..<count { out[i] = Float(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            case .i16:
                for i in 0..<count { out[i] = Float(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: Int16.self))) }
            case .u16:
                for i in 0..<count { out[i] = Float(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            case .i8:
                for i in 0..<count { out[i] = Float(Int8(bitPattern: raw[i])) }
            case .u8, .bool:
                for i in 0..<count { out[i] = Float(raw[i]) }
            }
            initialized = count
        }
    }
}

extension Float {
    /// IEEE binary16 bits widened to Float32 without relying on the platform's `Float16` type.
    init(halfBits h: UInt16) {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1F)
        let mantissa = UInt32(h & 0x3FF)
        if exponent == 0x1F {
            self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        } else if exponent == 0 {
            // Subnormal or zero: value = mantissa * 2^-24, exact in Float32.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            self = sign == 0 ? magnitude : -magnitude
        } else {
            self = Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
