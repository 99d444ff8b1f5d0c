/// The parts of a `.tflite` file the executor needs, decoded from the FlatBuffer into plain values and checked
/// for consistency (every index in range, every constant buffer the size its tensor's shape says).
struct TFLiteFile {
    struct TensorInfo {
        let name: String
        /// The raw type number (kept even when `TFLiteTensorType` does not know it, for the error message).
        let typeCode: Int
        var type: TFLiteTensorType? { TFLiteTensorType(rawValue: typeCode) }
        let shape: [Int]
        /// The constant's bytes in the file, or nil for tensors computed at run time.
        let data: Range<Int>?
        let isVariable: Bool
        let quantized: Bool
        let sparse: Bool
    }

    struct OperatorInfo {
        let builtinCode: Int
        let customCode: String?
        let version: Int
        /// Tensor indices; -1 marks an optional input left out.
        let inputs: [Int]
        let outputs: [Int]
        let optionsType: UInt8
        let options: FlatTable?
        let hasCustomOptions: Bool
    }

    let buffer: FlatBuffer
    let version: Int
    let subgraphCount: Int
    let tensors: [TensorInfo]
    let operators: [OperatorInfo]
    let inputs: [Int]
    let outputs: [Int]

    /// Decodes `bytes`; `source` names the file in errors.
    init(bytes: [UInt8], source: String) throws(TFLiteError) {
        do {
            try self.init(buffer: FlatBuffer(bytes), source: source)
        } catch let error as FlatBufferError {
            throw .malformed(source: source, reason: error.description)
        } catch let error as TFLiteError {
            throw error
        } catch {
            throw .malformed(source: source, reason: "\(error)")
        }
    }

    private init(buffer: FlatBuffer, source: String) throws {
        typealias S = TFLiteSchema
        func invalid(_ reason: String) -> TFLiteError { .invalidModel(source: source, reason: reason) }
        self.buffer = buffer
        let model = try buffer.root(identifier: S.identifier)
        version = Int(try model.int(S.Model.version, UInt32.self))
        guard version == 3 else { throw invalid("schema version \(version), this reader knows version 3") }

        // Buffers: bytes inside the FlatBuffer, or (models over 2 GB) at an offset of the file given with a size.
        var buffers: [Range<Int>?] = []
        for table in try model.tables(S.Model.buffers) {
            if let data = try table.vector(S.Buffer.data, elementSize: 1), data.count > 0 {
                buffers.append(data.byteRange)
                continue
            }
            let offset = try table.int(S.Buffer.offset, UInt64.self), size = try table.int(S.Buffer.size, UInt64.self)
            if offset > 1 {
                guard offset <= UInt64(buffer.count), size <= UInt64(buffer.count) - offset else {
                    throw invalid("buffer \(buffers.count) claims \(size) bytes at offset \(offset), past the end of the \(buffer.count)-byte file")
                }
                buffers.append(Int(offset)..<Int(offset + size))
            } else {
                buffers.append(nil)
            }
        }

        var codes: [(builtin: Int, custom: String?, version: Int)] = []
        for table in try model.tables(S.Model.operatorCodes) {
            let deprecated = Int(try table.int(S.OperatorCode.deprecatedBuiltinCode, Int8.self))
            let builtin = Int(try table.int(S.OperatorCode.builtinCode, Int32.self))
            // Codes above 127 live only in `builtin_code`; older files only fill the deprecated byte.
            codes.append((Swift.max(builtin, deprecated), try table.string(S.OperatorCode.customCode),
                          Int(try table.int(S.OperatorCode.version, Int32.self, default: 1))))
        }

        let subgraphs = try model.tables(S.Model.subgraphs)
        subgraphCount = subgraphs.count
        guard let graph = subgraphs.first else { throw invalid("no subgraph") }

        var tensors: [TensorInfo] = []
        for (i, t) in try graph.tables(S.SubGraph.tensors).enumerated() {
            let name = try t.string(S.Tensor.name) ?? "tensor\(i)"
            let shape = try t.ints(S.Tensor.shape, Int32.self) ?? []
            guard shape.allSatisfy({ $0 >= 0 }) else { throw invalid("tensor '\(name)' has a negative dimension in \(shape)") }
            let typeCode = Int(try t.int(S.Tensor.type, Int8.self))
            let bufferIndex = Int(try t.int(S.Tensor.buffer, UInt32.self))
            guard bufferIndex < Swift.max(buffers.count, 1) else {
                throw invalid("tensor '\(name)' refers to buffer \(bufferIndex) of \(buffers.count)")
            }
            let data = bufferIndex < buffers.count ? buffers[bufferIndex] : nil
            if let data, let size = TFLiteTensorType(rawValue: typeCode)?.elementSize {
                var count = 1
                for d in shape {
                    let (p, overflow) = count.multipliedReportingOverflow(by: d)
                    guard !overflow else { throw invalid("tensor '\(name)' shape \(shape) overflows") }
                    count = p
                }
                let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow, bytes == data.count else {
                    throw invalid("constant tensor '\(name)' of shape \(shape) needs \(overflow ? Int.max : bytes) bytes, its buffer holds \(data.count)")
                }
            }
            var quantized = false
            if let q = try t.table(S.Tensor.quantization) {
                quantized = (try q.vector(S.Quantization.scale, elementSize: 4)?.count ?? 0) > 0
            }
            tensors.append(TensorInfo(name: name, typeCode: typeCode, shape: shape, data: data,
                                      isVariable: try t.bool(S.Tensor.isVariable),
                                      quantized: quantized, sparse: try t.table(S.Tensor.sparsity) != nil))
        }
        self.tensors = tensors

        func indices(_ list: [Int]?, _ what: String, optional: Bool) throws -> [Int] {
            let list = list ?? []
            for i in list where !(i >= 0 && i < tensors.count) && !(optional && i == -1) {
                throw invalid("\(what) refers to tensor \(i) of \(tensors.count)")
            }
            return list
        }
        inputs = try indices(try graph.ints(S.SubGraph.inputs, Int32.self), "the graph's input list", optional: false)
        outputs = try indices(try graph.ints(S.SubGraph.outputs, Int32.self), "the graph's output list", optional: false)

        var operators: [OperatorInfo] = []
        for (k, op) in try graph.tables(S.SubGraph.operators).enumerated() {
            let codeIndex = Int(try op.int(S.Operator.opcodeIndex, UInt32.self))
            guard codeIndex < codes.count else { throw invalid("op #\(k) uses operator code \(codeIndex) of \(codes.count)") }
            let code = codes[codeIndex]
            operators.append(OperatorInfo(
                builtinCode: code.builtin, customCode: code.custom, version: code.version,
                inputs: try indices(try op.ints(S.Operator.inputs, Int32.self), "op #\(k)'s inputs", optional: true),
                outputs: try indices(try op.ints(S.Operator.outputs, Int32.self), "op #\(k)'s outputs", optional: false),
                optionsType: try op.int(S.Operator.builtinOptionsType, UInt8.self),
                options: try op.table(S.Operator.builtinOptions),
                hasCustomOptions: (try op.vector(S.Operator.customOptions, elementSize: 1)?.count ?? 0) > 0))
        }
        self.operators = operators
    }
}
