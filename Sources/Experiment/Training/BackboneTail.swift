import ModelFormats
import NN
import TensorCore

/// The trainable top of a pretrained backbone as a module: [N, T, V + 1] windows of the cached tensor the top
/// starts from (the last column marks real windows) → [N, T, E + 1], the top's output per window with the mark
/// carried on for the window pooling. Its weights start as the file's and are trained with the head.
final class BackboneTail: Module {
    let subgraph: TFLiteSubgraph
    /// One window's shape at the subgraph's input, batch excluded.
    let windowShape: [Int]
    let ownParameters: [Parameter]

    /// `windowShape` is the input's shape when the model runs (a file may declare another one, as BirdNET does).
    init(_ subgraph: TFLiteSubgraph, windowShape: [Int]) {
        self.subgraph = subgraph
        self.windowShape = windowShape
        var used = Set<String>()
        ownParameters = subgraph.weights.map { w in
            // TFLite names hold '/' and ';' (fine in a safetensors key) and may hold dots (module path separators).
            var name = w.name.replacingOccurrences(of: ".", with: "_")
            if !used.insert(name).inserted { name += "_\(w.index)"; used.insert(name) }
            return Parameter(name, shape: w.shape, initializer: .zeros)
        }
    }

    /// Puts the file's weights back (after the model's initialisation filled every parameter).
    func restorePretrained() {
        for (p, w) in zip(ownParameters, subgraph.initialWeights) {
            p.value.withUnsafeMutableBufferPointer { dst in w.withUnsafeBufferPointer { src in _ = dst.update(fromContentsOf: src) } }
        }
    }

    var typeName: String { "BackboneTail" }
    var config: LayerConfig { LayerConfig(type: typeName) }

    private var outputWidth: Int { subgraph.output.shape.dropFirst().reduce(1, *) }

    func outputShape(for inputShapes: [[Int]]) throws -> [Int] {
        guard inputShapes.count == 1, inputShapes[0].count == 3, inputShapes[0][2] == windowShape.reduce(1, *) + 1 else {
            throw ShapeError(op: "backbone", "expects [N, windows, \(windowShape.reduce(1, *) + 1)], got \(inputShapes.map(formatShape))")
        }
        return [inputShapes[0][0], inputShapes[0][1], outputWidth + 1]
    }

    func build(inputShapes: [[Int]]) throws -> [Int] { try outputShape(for: inputShapes) }

    func forward(_ inputs: [Tensor], context: ForwardContext) -> Tensor {
        let x = inputs[0]
        let (n, t, v) = (x.shape[0], x.shape[1], x.shape[2] - 1)
        // Only real windows go through the top (they come first in each example); most clips have one or two
        // windows and a batch is padded to its longest, so running the padding would cost several times as much.
        let mark = Tensor.withoutGrad { x.sliced(axis: 2, v..<(v + 1)) }.scalars
        let counts = (0..<n).map { b in (0..<t).filter { mark[b * t + $0] > 0.5 }.count }
        let real = concat((0..<n).filter { counts[$0] > 0 }.map { b in
            x.sliced([b..<(b + 1), 0..<counts[b], 0..<v]).reshaped([counts[b], v])
        }, axis: 0)
        let y: Tensor
        do {
            y = try subgraph.run(real.reshaped([real.shape[0]] + windowShape), weights: ownParameters.map(\.value))
        } catch {
            // Shapes were checked when the model was built; a failure here is a bug, not bad input.
            preconditionFailure("backbone top: \(error)")
        }
        let e = outputWidth
        let flat = y.reshaped([real.shape[0], e])
        var offset = 0
        let perClip = (0..<n).map { b -> Tensor in
            defer { offset += counts[b] }
            guard counts[b] > 0 else { return Tensor(shape: [t, e], repeating: 0) }
            return flat.sliced(axis: 0, offset..<(offset + counts[b])).padded([(0, t - counts[b]), (0, 0)])
        }
        return concat([stack(perClip, axis: 0), x.sliced(axis: 2, v..<(v + 1))], axis: 2)
    }
}
