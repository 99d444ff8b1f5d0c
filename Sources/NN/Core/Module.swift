import TensorCore

/// A network piece: owns named parameters and state, infers shapes, and runs forward under a context.
///
/// Shapes include the batch dimension first (it may be -1 when unknown). Construction records only the
/// configuration; `build` creates the weights for a given input shape (as Keras does), and
/// `initializeParameters(seed:)` fills them, each from a stream keyed by its dotted name.
public protocol Module: AnyObject {
    /// The Keras class name, e.g. "Conv2D" (used in configs and dry-run tables).
    var typeName: String { get }
    /// The constructor arguments; `LayerRegistry.make(config)` rebuilds an equivalent module.
    var config: LayerConfig { get }
    /// Parameters and state owned directly by this module (not its children), in a stable order.
    var ownParameters: [Parameter] { get }
    /// Direct sub-modules with their path component, in a stable order.
    var children: [(name: String, module: any Module)] { get }
    /// The output shape for these input shapes, without creating weights; throws `ShapeError` when impossible.
    func outputShape(for inputShapes: [[Int]]) throws -> [Int]
    /// Creates the weights for these input shapes (idempotent for the same shapes) and returns the output shape.
    func build(inputShapes: [[Int]]) throws -> [Int]
    /// Runs the module; training, dropout randomness and the module path come from `context`.
    func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor
}

extension Module {
    public var ownParameters: [Parameter] { [] }
    public var children: [(name: String, module: any Module)] { [] }

    /// Single-input forward.
    public func forward(_ x: Tensor, context: ForwardContext) -> Tensor { forward([x], context: context) }
    /// Single-input shape inference.
    public func outputShape(for inputShape: [Int]) throws -> [Int] { try outputShape(for: [inputShape]) }
    /// Single-input build.
    @discardableResult
    public func build(inputShape: [Int]) throws -> [Int] { try build(inputShapes: [inputShape]) }
}

/// One weight or state tensor of a module, with its leaf name (Keras-like: kernel, bias, gamma, moving_mean, ...).
public struct Parameter {
    /// Leaf name within its module.
    public let name: String
    /// The values; updated in place by optimizers, loaders and (for state) by forward passes.
    public let value: Tensor
    /// False for state such as batch-norm moving statistics: saved, never optimised.
    public let trainable: Bool
    /// How `initializeParameters(seed:)` fills it.
    public let initializer: Initializer

    /// A zero-filled parameter of `shape`; trainable ones record gradients.
    public init(_ name: String, shape: [Int], trainable: Bool = true, initializer: Initializer) {
        self.name = name
        self.value = Tensor.zeros(shape, requiresGrad: trainable)
        self.trainable = trainable
        self.initializer = initializer
    }
}

/// A parameter addressed by its dotted path in a model, e.g. `blocks.2.conv.kernel`.
public struct NamedParameter {
    /// Dotted path from the root module.
    public let name: String
    /// The parameter itself.
    public let parameter: Parameter
    /// Shortcut to the values.
    public var value: Tensor { parameter.value }
    /// Whether optimisers update it.
    public var trainable: Bool { parameter.trainable }
}
