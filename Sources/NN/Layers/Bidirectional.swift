import TensorCore

/// Keras Bidirectional(GRU, merge_mode "concat"): a forward GRU and a go-backwards copy, outputs concatenated on
/// the last axis. With return_sequences the backward outputs are flipped back to time order first.
/// Children are named `forward` and `backward`.
public final class Bidirectional: Module {
    /// The forward-reading GRU.
    public let forwardLayer: GRU
    /// The backward-reading GRU (same config, go_backwards flipped).
    public let backwardLayer: GRU

    /// Wraps `layer` (its go_backwards must be false) with a mirrored copy.
    public init(_ layer: GRU) {
        precondition(!layer.goBackwards, "Bidirectional: wrap a forward GRU")
        forwardLayer = layer
        backwardLayer = GRU(units: layer.units, returnSequences: layer.returnSequences, goBackwards: true, useBias: layer.useBias,
                            kernelInitializer: layer.kernelInitializer, recurrentInitializer: layer.recurrentInitializer,
                            biasInitializer: layer.biasInitializer)
    }

    public var typeName: String { "Bidirectional" }

    public var children: [(name: String, module: any Module)] { [("forward", forwardLayer), ("backward", backwardLayer)] }

    public func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        var s = try forwardLayer.outputShape(for: inputShapes)
        s[s.count - 1] *= 2
        return s
    }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        _ = try forwardLayer.build(inputShapes: inputShapes)
        _ = try backwardLayer.build(inputShapes: inputShapes)
        return try outputShape(for: inputShapes)
    }

    public func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let f = forwardLayer.forward(inputs, context: context.child("forward"))
        var b = backwardLayer.forward(inputs, context: context.child("backward"))
        if forwardLayer.returnSequences { b = reversedInTime(b) }
        return concat([f, b], axis: -1)
    }

    /// x[:, T−1−t] for every t, as one matmul with the anti-diagonal matrix on the time axis.
    private func reversedInTime(_ x: Tensor) -> Tensor {
        let t = x.shape[1]
        var j = [Float](repeating: 0, count: t * t)
        for i in 0..<t { j[i * t + (t - 1 - i)] = 1 }
        let flip = Tensor(shape: [t, t], data: j)
        return matmul(x.permuted([0, 2, 1]), flip).permuted([0, 2, 1])
    }
}

extension Bidirectional: CatalogueLayer {
    static let layer = LayerOption<String>.name("layer", default: "GRU", only: ["GRU"])
    static let mergeMode = LayerOption<String>.name("merge_mode", default: "concat", only: ["concat"])
    /// The wrapped GRU reads forwards; its mirror is made here.
    static let goBackwards = LayerOption<Bool>.boolean("go_backwards", default: false, only: false)

    public static let kinds = [LayerKind(
        "Bidirectional", yaml: "bidirectional",
        summary: "a GRU (its options written alongside) and a backwards copy, outputs concatenated on the last axis",
        options: [layer.spec, mergeMode.spec] + GRU.options.map { $0.key == goBackwards.spec.key ? goBackwards.spec : $0 }
    ) { o in Bidirectional(GRU(o)) }]

    /// The wrapped GRU's options plus `layer: GRU` and `merge_mode: concat`.
    public var config: LayerConfig {
        Self.kinds[0].config([Self.layer.entry("GRU"), Self.mergeMode.entry("concat")] + forwardLayer.entries)
    }
}
