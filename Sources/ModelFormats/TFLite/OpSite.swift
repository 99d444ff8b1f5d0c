/// One op of the graph as its kernel is prepared at load time: its options, the types and stored shapes of its
/// tensors, and the values of those that are constants. Everything an op cannot run is reported from here,
/// before any input is seen.
struct OpSite {
    let name: String
    let index: Int
    let source: String
    let op: TFLiteFile.OperatorInfo
    let tensors: [TFLiteFile.TensorInfo]
    let constants: [TFLiteValue?]

    var inputCount: Int { op.inputs.count }
    var outputCount: Int { op.outputs.count }

    func unsupported(_ reason: String) -> TFLiteError {
        .unsupported(source: source, op: name, opIndex: index, reason: reason)
    }

    func invalid(_ reason: String) -> TFLiteError {
        .invalidModel(source: source, reason: "op #\(index) \(name): \(reason)")
    }

    /// The op's options table; nil when the file stores none (every option at its schema default).
    func options(_ type: UInt8) throws -> FlatTable? {
        guard let table = op.options, op.optionsType != 0 else { return nil }
        guard op.optionsType == type else {
            throw invalid("carries options of union type \(op.optionsType), expected \(type)")
        }
        return table
    }

    /// Reads an option, turning a corrupt field into this op's error.
    func option<T>(_ read: () throws(FlatBufferError) -> T) throws -> T {
        do { return try read() } catch { throw TFLiteError.malformed(source: source, reason: "op #\(index) \(name): \(error)") }
    }

    func expect(inputs: ClosedRange<Int>, outputs: Int) throws {
        guard inputs.contains(inputCount) else {
            throw invalid("has \(inputCount) inputs, expected \(inputs.lowerBound == inputs.upperBound ? "\(inputs.lowerBound)" : "\(inputs.lowerBound) to \(inputs.upperBound)")")
        }
        guard outputCount == outputs else { throw invalid("has \(outputCount) outputs, expected \(outputs)") }
    }

    /// The tensor of input `i`, or nil when it is an optional input left out (index -1) or past the list.
    func input(_ i: Int) -> TFLiteFile.TensorInfo? {
        i < op.inputs.count && op.inputs[i] >= 0 ? tensors[op.inputs[i]] : nil
    }

    func output(_ i: Int) -> TFLiteFile.TensorInfo { tensors[op.outputs[i]] }

    func inputType(_ i: Int) -> TFLiteTensorType? { input(i)?.type }
    func outputType(_ i: Int) -> TFLiteTensorType? { output(i).type }

    /// The constant value of input `i`, if the file stores one.
    func constant(_ i: Int) -> TFLiteValue? {
        i < op.inputs.count && op.inputs[i] >= 0 ? constants[op.inputs[i]] : nil
    }

    /// Fails unless input `i` (or output, with `output: true`) has one of `allowed` types.
    func require(input i: Int, _ allowed: [TFLiteTensorType], what: String? = nil) throws {
        guard let t = input(i) else { throw invalid("input \(i) is missing") }
        guard let type = t.type, allowed.contains(type) else {
            throw unsupported("\(what ?? "input \(i)") '\(t.name)' is \(t.type.map { "\($0)" } ?? "type \(t.typeCode)"), this op runs on \(allowed.map { "\($0)" }.joined(separator: " or "))")
        }
    }

    /// The common signature of the layout ops: a value of any type and an INT32 argument (`what`, e.g. "axis"),
    /// one output.
    func expectValue(and what: String) throws {
        try expect(inputs: 2...2, outputs: 1)
        try require(input: 0, [.float32, .int32, .complex64])
        try require(input: 1, [.int32], what: what)
    }

    func require(output i: Int, _ allowed: [TFLiteTensorType]) throws {
        let t = output(i)
        guard let type = t.type, allowed.contains(type) else {
            throw unsupported("output '\(t.name)' is \(t.type.map { "\($0)" } ?? "type \(t.typeCode)"), this op produces \(allowed.map { "\($0)" }.joined(separator: " or "))")
        }
    }

    /// The fused activation in an options field.
    func activation(_ code: Int8) throws -> FusedActivation {
        guard let a = FusedActivation(rawValue: code) else {
            let names: [Int8: String] = [4: "TANH", 5: "SIGN_BIT"]
            throw unsupported("fused activation \(names[code] ?? "\(code)")")
        }
        return a
    }

    /// TFLite's Padding enum: SAME (0) or VALID (1).
    func padding(_ code: Int8) throws -> PaddingMode {
        switch code {
        case 0: return .same
        case 1: return .valid
        default: throw unsupported("padding \(code) (only SAME and VALID exist)")
        }
    }
}

/// TFLite's two padding modes for windows (convolutions and pooling).
enum PaddingMode { case same, valid }

/// What a prepared op does at run time: its inputs' values (nil for an optional input left out) to its outputs'.
typealias OpKernel = ([TFLiteValue?]) throws -> [TFLiteValue]

/// One entry of the op registry: a builtin op code, its name, and how to prepare it from a site.
struct OpDefinition {
    let code: Int
    let name: String
    let prepare: @Sendable (OpSite) throws -> OpKernel
}

extension Array where Element == TFLiteValue? {
    /// Input `i`, which the op requires.
    func value(_ i: Int) throws -> TFLiteValue {
        guard i < count, let v = self[i] else { throw OpFailure("input \(i) is missing") }
        return v
    }
}
