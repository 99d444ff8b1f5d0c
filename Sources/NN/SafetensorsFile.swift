import Foundation

/// One named tensor of a safetensors file: a row-major shape and its values as Float32.
public struct SafetensorsTensor: Equatable, Sendable {
    /// The tensor's key in the file's header.
    public var name: String
    /// Row-major dimensions; `[]` is a scalar holding one value.
    public var shape: [Int]
    /// `shape.reduce(1, *)` values in row-major order.
    public var values: [Float]

    /// Pairs a name and shape with its values; the count is checked when the file is encoded.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// The contents of a `.safetensors` file: tensors in file order plus the optional `__metadata__` map.
///
/// Writing emits F32 only, tensors sorted by the UTF-8 bytes of their names and metadata keys sorted, so
/// the bytes equal what the Python `safetensors` package writes for the same float32 tensors. Reading accepts
/// F32, F64, F16, BF16 and the integer/bool dtypes (converted to Float; integers beyond 2^24 lose precision);
/// any other dtype (the F8 family, complex) is rejected with ``SafetensorsError/Reason/unsupportedDtype(_:)``.
public struct SafetensorsFile: Equatable, Sendable {
    /// Tensors in the order their bytes appear in the file (for files this type writes: sorted by name).
    public var tensors: [SafetensorsTensor]
    /// The header's `__metadata__` string map (empty when absent).
    public var metadata: [String: String]

    /// Builds a file value from tensors (any order; encoding sorts them) and metadata.
    public init(tensors: [SafetensorsTensor] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor with this name, if present.
    public subscript(name: String) -> SafetensorsTensor? {
        tensors.first { $0.name == name }
    }

    /// Tensor names in file order.
    public var names: [String] { tensors.map(\.name) }
}

/// A safetensors read or write failure, naming the file and (when one is at fault) the tensor.
public struct SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, precise enough for a test to tell the failures apart.
    public enum Reason: Equatable, Sendable {
        /// The file is shorter than the 8-byte header-length prefix.
        case fileTooShort(bytes: Int)
        /// The declared header length runs past the end of the file.
        case headerLengthPastEnd(headerLength: UInt64, available: Int)
        /// The declared header length exceeds the 100 MB the reference implementation allows.
        case headerTooLarge(headerLength: UInt64)
        /// The header is not a UTF-8 JSON object.
        case invalidJSON(String)
        /// A header entry lacks a field or has one of the wrong type.
        case invalidEntry(String)
        /// The dtype is not one this reader converts to Float.
        case unsupportedDtype(String)
        /// `data_offsets` point outside the byte buffer or have begin > end.
        case offsetsOutOfRange(begin: Int, end: Int, bufferSize: Int)
        /// This tensor's bytes overlap another tensor's.
        case overlapping(other: String)
        /// Bytes between tensors (or at the start or end of the buffer) belong to no tensor.
        case gap(at: Int)
        /// The byte length of `data_offsets` disagrees with prod(shape) * dtype size.
        case sizeMismatch(expectedBytes: Int, actualBytes: Int)
        /// Encoding: `values.count` disagrees with prod(shape).
        case valueCountMismatch(expected: Int, actual: Int)
        /// Encoding: the name is empty, reserved (`__metadata__`) or used twice.
        case invalidName
        /// The file system refused (reading, writing or renaming).
        case io(String)
    }

    /// The file path (or caller-chosen label for in-memory data).
    public let file: String
    /// The tensor at fault, when the problem belongs to one.
    public let tensor: String?
    /// The failure.
    public let reason: Reason

    /// Creates an error for `file`, optionally blaming `tensor`.
    public init(file: String, tensor: String? = nil, reason: Reason) {
        self.file = file
        self.tensor = tensor
        self.reason = reason
    }

    /// One line: file, tensor, reason.
    public var description: String {
        let who = tensor.map { " tensor '\($0)'" } ?? ""
        return "\(file):\(who) \(reasonText)"
    }

    private var reasonText: String {
        switch reason {
        case .fileTooShort(let n):
            return "not a safetensors file: \(n) bytes, shorter than the 8-byte header length"
        case .headerLengthPastEnd(let n, let available):
            return "header length \(n) runs past the end of the file (\(available) bytes after the prefix)"
        case .headerTooLarge(let n):
            return "header length \(n) exceeds the 100000000-byte limit"
        case .invalidJSON(let why):
            return "header is not valid JSON: \(why)"
        case .invalidEntry(let why):
            return "bad header entry: \(why)"
        case .unsupportedDtype(let d):
            return "dtype \(d) is not supported (readable: \(SafetensorsDtype.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .offsetsOutOfRange(let b, let e, let size):
            return "data_offsets [\(b), \(e)] are outside the \(size)-byte data buffer"
        case .overlapping(let other):
            return "data overlaps tensor '\(other)'"
        case .gap(let at):
            return "data buffer has unclaimed bytes at offset \(at)"
        case .sizeMismatch(let expected, let actual):
            return "shape and dtype need \(expected) bytes but data_offsets span \(actual)"
        case .valueCountMismatch(let expected, let actual):
            return "shape holds \(expected) values but \(actual) were given"
        case .invalidName:
            return "name is empty, reserved ('__metadata__') or duplicated"
        case .io(let why):
            return why
        }
    }
}

/// Element types this reader understands, with their byte sizes.
enum SafetensorsDtype: String, CaseIterable {
    case f64 = "F64", f32 = "F32", f16 = "F16", bf16 = "BF16"
    case i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8"
    case u64 = "U64", u32 = "U32", u16 = "U16", u8 = "U8", bool = "BOOL"

    var size: Int {
        switch self {
        case .f64, .i64, .u64: return 8
        case .f32, .i32, .u32: return 4
        case .f16, .bf16, .i16, .u16: return 2
        case .i8, .u8, .bool: return 1
        }
    }
}
