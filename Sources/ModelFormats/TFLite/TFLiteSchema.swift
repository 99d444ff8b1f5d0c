/// The numbers of TFLite's published schema (tensorflow/compiler/mlir/lite/schema/schema.fbs) that this reader
/// uses: field slots of each table it reads, and the enum values it understands. Slots are the fields' order in
/// the schema; anything not listed here is never read.
enum TFLiteSchema {
    /// The file identifier after the root offset.
    static let identifier = "TFL3"

    enum Model { static let version = 0, operatorCodes = 1, subgraphs = 2, description = 3, buffers = 4 }
    enum OperatorCode { static let deprecatedBuiltinCode = 0, customCode = 1, version = 2, builtinCode = 3 }
    enum SubGraph { static let tensors = 0, inputs = 1, outputs = 2, operators = 3, name = 4 }
    enum Tensor {
        static let shape = 0, type = 1, buffer = 2, name = 3, quantization = 4, isVariable = 5, sparsity = 6
    }
    enum Quantization { static let scale = 2, zeroPoint = 3 }
    enum Buffer { static let data = 0, offset = 1, size = 2 }
    enum Operator {
        static let opcodeIndex = 0, inputs = 1, outputs = 2, builtinOptionsType = 3, builtinOptions = 4
        static let customOptions = 5
    }

    /// The BuiltinOptions union's member numbers for the options tables read here.
    enum OptionsType {
        static let conv2D: UInt8 = 1, depthwiseConv2D: UInt8 = 2, pool2D: UInt8 = 5, fullyConnected: UInt8 = 8
        static let concatenation: UInt8 = 10, add: UInt8 = 11, reshape: UInt8 = 17, mul: UInt8 = 21
        static let gather: UInt8 = 23, reducer: UInt8 = 27, sub: UInt8 = 28, div: UInt8 = 29, squeeze: UInt8 = 30
        static let stridedSlice: UInt8 = 32, shape: UInt8 = 55, pack: UInt8 = 59, splitV: UInt8 = 79
    }
}

/// TFLite's TensorType values.
public enum TFLiteTensorType: Int, Sendable, CustomStringConvertible {
    case float32 = 0, float16 = 1, int32 = 2, uint8 = 3, int64 = 4, string = 5, bool = 6, int16 = 7
    case complex64 = 8, int8 = 9, float64 = 10, complex128 = 11, uint64 = 12, resource = 13, variant = 14
    case uint32 = 15, uint16 = 16, int4 = 17, bfloat16 = 18

    public var description: String {
        switch self {
        case .float32: "FLOAT32"
        case .float16: "FLOAT16"
        case .int32: "INT32"
        case .uint8: "UINT8"
        case .int64: "INT64"
        case .string: "STRING"
        case .bool: "BOOL"
        case .int16: "INT16"
        case .complex64: "COMPLEX64"
        case .int8: "INT8"
        case .float64: "FLOAT64"
        case .complex128: "COMPLEX128"
        case .uint64: "UINT64"
        case .resource: "RESOURCE"
        case .variant: "VARIANT"
        case .uint32: "UINT32"
        case .uint16: "UINT16"
        case .int4: "INT4"
        case .bfloat16: "BFLOAT16"
        }
    }

    /// Bytes per element of the types this reader can hold as values.
    var elementSize: Int? {
        switch self {
        case .float32, .int32: 4
        case .complex64: 8
        default: nil
        }
    }
}
