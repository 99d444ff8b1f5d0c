/// The one list of the ops this reader runs. A model with any other op is refused when it is loaded, by name.
enum TFLiteOpRegistry {
    static let all: [OpDefinition] = [
        ElementwiseOps.add, ElementwiseOps.sub, ElementwiseOps.mul, ElementwiseOps.div, ElementwiseOps.pow,
        ElementwiseOps.maximum, ElementwiseOps.floorDiv,
        ActivationOps.logistic,
        ConvolutionOps.conv2D, ConvolutionOps.depthwiseConv2D,
        FullyConnectedOp.fullyConnected,
        PoolingOps.averagePool2D, PoolingOps.maxPool2D,
        ReductionOps.mean, ReductionOps.reduceProd, ReductionOps.reduceMin, ReductionOps.reduceMax,
        FourierOps.rfft2D,
        ShapeOps.reshape, ShapeOps.expandDims, ShapeOps.squeeze, ShapeOps.shape,
        JoinSplitOps.pack, JoinSplitOps.concatenation, JoinSplitOps.splitV,
        IndexingOps.stridedSlice, IndexingOps.gather,
        LayoutOps.pad, LayoutOps.reverseV2, LayoutOps.transpose,
        ConversionOps.cast, ConversionOps.range,
    ]

    static let byCode: [Int: OpDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The names of every supported op, sorted (for docs and errors).
    static var supportedNames: [String] { all.map(\.name).sorted() }
}
