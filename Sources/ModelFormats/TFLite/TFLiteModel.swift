import Crypto
import Foundation
import TensorCore

#if _endian(big)
#error("TFLite constants are little-endian and are copied as they are")
#endif

/// What a tensor of the model is: its name (as `fetching` takes it), type and the shape the file stores.
public struct TFLiteTensorInfo: Sendable, Equatable {
    public let index: Int
    public let name: String
    /// nil for a type number this reader does not know.
    public let type: TFLiteTensorType?
    /// The shape the file stores; the shapes of a run follow from its inputs.
    public let shape: [Int]
    public let isConstant: Bool
}

/// A TFLite model read from its FlatBuffer and ready to run on TensorCore, forward only (no gradients).
/// Loading checks every op against `TFLiteOpRegistry` and prepares its kernel, so a model this reader cannot run
/// fails here, naming the op; `run` then only meets errors that depend on the input values.
/// Immutable after loading: one model may run on several threads at once.
public final class TFLiteModel: @unchecked Sendable {
    /// Where the model came from (a path), for messages.
    public let source: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
    public let tensors: [TFLiteTensorInfo]
    public let inputs: [TFLiteTensorInfo]
    public let outputs: [TFLiteTensorInfo]
    /// The op names in execution order.
    public let opNames: [String]

    struct Step {
        let name: String
        let index: Int
        let inputs: [Int]
        let outputs: [Int]
        let kernel: OpKernel
        /// What the kernel was prepared from, so a subgraph can prepare it again with other constants.
        let site: OpSite
        let definition: OpDefinition
    }

    let steps: [Step]
    let constants: [TFLiteValue?]
    private let indexByName: [String: Int]

    /// The names of the ops this reader runs.
    public static var supportedOps: [String] { TFLiteOpRegistry.supportedNames }

    /// Reads and prepares the model at `url`.
    public static func load(_ url: URL) throws(TFLiteError) -> TFLiteModel {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        return try TFLiteModel(bytes: [UInt8](data), source: url.path)
    }

    /// Prepares a model from the bytes of a `.tflite` file; `source` names it in errors.
    public init(bytes: [UInt8], source: String) throws(TFLiteError) {
        self.source = source
        sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let file = try TFLiteFile(bytes: bytes, source: source)

        // Constants of the types values can hold; others stay nil and are refused below if an op reads them.
        var computed = Set(file.inputs)
        for op in file.operators { computed.formUnion(op.outputs) }
        var constants = [TFLiteValue?](repeating: nil, count: file.tensors.count)
        for (i, t) in file.tensors.enumerated() {
            if let range = t.data, !t.quantized, !t.sparse {
                constants[i] = Self.decode(file.buffer.bytes[range], type: t.type, shape: t.shape)
            } else if t.data == nil, t.shape.contains(0), !computed.contains(i), let type = t.type,
                      (try? ElementCount.checked(t.shape.filter { $0 != 0 })) != nil {
                // A zero-element tensor needs no buffer: TFLite converters leave it empty (an empty shape list).
                constants[i] = Self.decode([], type: type, shape: t.shape)
            }
        }
        let infos = file.tensors.enumerated().map { i, t in
            TFLiteTensorInfo(index: i, name: t.name, type: t.type, shape: t.shape, isConstant: constants[i] != nil)
        }
        tensors = infos
        inputs = file.inputs.map { infos[$0] }
        outputs = file.outputs.map { infos[$0] }

        func usable(_ t: TFLiteFile.TensorInfo) -> String? {
            if t.quantized { return "tensor '\(t.name)' is quantized (this reader runs float models)" }
            if t.sparse { return "tensor '\(t.name)' is sparse" }
            if t.isVariable { return "tensor '\(t.name)' is a variable" }
            guard let type = t.type, type.elementSize != nil else {
                return "tensor '\(t.name)' has type \(t.type.map { "\($0)" } ?? "\(t.typeCode)"); this reader holds FLOAT32, INT32 and COMPLEX64"
            }
            return nil
        }
        // Only subgraph 0 runs: other subgraphs are called by control-flow ops (IF, WHILE), none of them supported.

        var available = constants.map { $0 != nil }
        for i in file.inputs { available[i] = true }
        var steps: [Step] = []
        for (k, op) in file.operators.enumerated() {
            let name = op.builtinCode == 32 ? "CUSTOM '\(op.customCode ?? "")'" : TFLiteBuiltinNames.name(op.builtinCode)
            guard let definition = TFLiteOpRegistry.byCode[op.builtinCode] else {
                throw .unsupported(source: source, op: name, opIndex: k,
                                   reason: "this reader runs \(TFLiteOpRegistry.supportedNames.joined(separator: ", "))")
            }
            for i in op.inputs + op.outputs where i >= 0 {
                if let problem = usable(file.tensors[i]) { throw .unsupported(source: source, op: name, opIndex: k, reason: problem) }
            }
            for i in op.inputs where i >= 0 && !available[i] {
                throw .invalidModel(source: source, reason: "op #\(k) \(name) reads tensor '\(file.tensors[i].name)' before any op writes it")
            }
            for i in op.outputs {
                guard !available[i] else {
                    throw .invalidModel(source: source, reason: "op #\(k) \(name) writes tensor '\(file.tensors[i].name)', which already has a value")
                }
                available[i] = true
            }
            let site = OpSite(name: name, index: k, source: source, op: op, tensors: file.tensors, constants: constants)
            let kernel: OpKernel
            do {
                kernel = try definition.prepare(site)
            } catch let error as TFLiteError {
                throw error
            } catch let failure as OpFailure {
                throw .invalidModel(source: source, reason: "op #\(k) \(name): \(failure.reason)")
            } catch {
                throw .invalidModel(source: source, reason: "op #\(k) \(name): \(error)")
            }
            steps.append(Step(name: name, index: k, inputs: op.inputs, outputs: op.outputs, kernel: kernel, site: site,
                              definition: definition))
        }
        // Inputs no op reads (those that are read were checked with their op, which the error then names).
        for i in file.inputs {
            if let problem = usable(file.tensors[i]) { throw .unsupported(source: source, op: "model input", opIndex: -1, reason: problem) }
        }
        for i in file.outputs where !available[i] {
            throw .invalidModel(source: source, reason: "graph output '\(file.tensors[i].name)' is never written")
        }
        self.steps = steps
        self.constants = constants
        opNames = steps.map(\.name)
        var byName: [String: Int] = [:]
        for t in infos where byName[t.name] == nil { byName[t.name] = t.index }
        indexByName = byName
    }

    /// The tensor called `name`, if the model has one.
    public func tensor(named name: String) -> TFLiteTensorInfo? { indexByName[name].map { tensors[$0] } }

    /// How many ops of each kind the graph has.
    public var opCounts: [String: Int] { opNames.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

    private static func decode(_ bytes: ArraySlice<UInt8>, type: TFLiteTensorType?, shape: [Int]) -> TFLiteValue? {
        let n = shape.reduce(1, *)
        switch type {
        case .float32?:
            return .float32(Tensor.filled(shape) { dst in
                bytes.withUnsafeBytes { raw in if n > 0 { UnsafeMutableRawBufferPointer(dst).copyMemory(from: raw) } }
            })
        case .int32?:
            return .int32(HostArray(shape: shape, values: [Int32](unsafeUninitializedCapacity: n) { dst, written in
                bytes.withUnsafeBytes { raw in if n > 0 { UnsafeMutableRawBufferPointer(dst).copyMemory(from: raw) } }
                written = n
            }))
        case .complex64?:
            return .complex64(HostArray(shape: shape, values: [Complex64](unsafeUninitializedCapacity: n) { dst, written in
                bytes.withUnsafeBytes { raw in
                    for i in 0..<n {
                        dst[i] = Complex64(re: raw.loadUnaligned(fromByteOffset: 8 * i, as: Float.self),
                                           im: raw.loadUnaligned(fromByteOffset: 8 * i + 4, as: Float.self))
                    }
                }
                written = n
            }))
        default:
            return nil
        }
    }
}
