import TensorCore

/// The ops of a model between one tensor and another, prepared again so that their float constants are inputs:
/// handed trainable tensors, the same kernels run with gradients recorded (the top of a pretrained network fine-tuned
/// while the rest stays frozen and cached). The integer constants (shapes, axes) stay fixed.
public struct TFLiteSubgraph: @unchecked Sendable {
    /// The tensor the subgraph starts from: computed by the frozen part of the model.
    public let input: TFLiteTensorInfo
    /// The tensor it computes.
    public let output: TFLiteTensorInfo
    /// The float constants its ops read, in the order they are first read: what training may change.
    public let weights: [TFLiteTensorInfo]
    /// Their values in the file.
    public let initialWeights: [Tensor]

    private let steps: [TFLiteModel.Step]
    private let constants: [TFLiteValue?]

    init(model: TFLiteModel, from input: TFLiteTensorInfo, to output: TFLiteTensorInfo) throws(TFLiteError) {
        // The steps the output needs, walking back until the input.
        var needed: Set<Int> = [output.index]
        var plan: [Int] = []
        for s in model.steps.indices.reversed() where model.steps[s].outputs.contains(where: needed.contains) {
            plan.append(s)
            for i in model.steps[s].inputs where i >= 0 && i != input.index { needed.insert(i) }
        }
        plan.reverse()
        guard output.index != input.index, !plan.isEmpty else {
            throw .badInput(reason: "no op lies between '\(input.name)' and '\(output.name)'")
        }
        let produced = Set(plan.flatMap { model.steps[$0].outputs })
        for i in needed where i != output.index && !produced.contains(i) && model.constants[i] == nil {
            throw .badInput(reason: "'\(output.name)' depends on '\(model.tensors[i].name)', which is computed before '\(input.name)' and not from it")
        }
        guard plan.contains(where: { model.steps[$0].inputs.contains(input.index) }) else {
            throw .badInput(reason: "'\(output.name)' does not depend on '\(input.name)'")
        }

        var weightIndices: [Int] = []
        var seen = Set<Int>()
        for s in plan {
            for i in model.steps[s].inputs where i >= 0 && !seen.contains(i) {
                if case .float32 = model.constants[i] { weightIndices.append(i); seen.insert(i) }
            }
        }
        var constants = model.constants
        for i in weightIndices { constants[i] = nil }
        var steps: [TFLiteModel.Step] = []
        for s in plan {
            let old = model.steps[s]
            let site = OpSite(name: old.site.name, index: old.site.index, source: old.site.source, op: old.site.op,
                              tensors: old.site.tensors, constants: constants)
            let kernel: OpKernel
            do {
                kernel = try old.definition.prepare(site)
            } catch let error as TFLiteError {
                throw error
            } catch {
                throw .invalidModel(source: model.source, reason: "op #\(old.index) \(old.name): \(error)")
            }
            steps.append(TFLiteModel.Step(name: old.name, index: old.index, inputs: old.inputs, outputs: old.outputs,
                                          kernel: kernel, site: site, definition: old.definition))
        }
        self.input = input
        self.output = output
        self.steps = steps
        self.constants = constants
        weights = weightIndices.map { model.tensors[$0] }
        initialWeights = weightIndices.map { model.constants[$0]!.tensor! }
    }

    /// The output for `x` (the input tensor's value, any batch size) with `weights` in place of the file's
    /// constants (same order and shapes as `weights`); gradients flow to `x` and `weights` when they ask for them.
    public func run(_ x: Tensor, weights values: [Tensor]) throws(TFLiteError) -> Tensor {
        guard values.count == weights.count else {
            throw .badInput(reason: "the subgraph reads \(weights.count) weights, got \(values.count)")
        }
        var env: [Int: TFLiteValue] = [input.index: .float32(x)]
        for (info, v) in zip(weights, values) {
            guard v.shape == info.shape else {
                throw .badInput(reason: "weight '\(info.name)' has shape \(info.shape), got \(v.shape)")
            }
            env[info.index] = .float32(v)
        }
        for step in steps {
            let args: [TFLiteValue?] = step.inputs.map { $0 >= 0 ? (constants[$0] ?? env[$0]) : nil }
            let results: [TFLiteValue]
            do {
                results = try step.kernel(args)
            } catch let failure as OpFailure {
                throw .runtime(op: step.name, opIndex: step.index, reason: failure.reason)
            } catch let error as TFLiteError {
                throw error
            } catch {
                throw .runtime(op: step.name, opIndex: step.index, reason: "\(error)")
            }
            for (t, r) in zip(step.outputs, results) { env[t] = r }
        }
        guard let out = env[output.index]?.tensor else {
            throw .badInput(reason: "tensor '\(output.name)' has no float value after the subgraph")
        }
        return out
    }
}

extension TFLiteModel {
    /// The ops from tensor `from` to tensor `to`, with their float constants as weights (see `TFLiteSubgraph`).
    public func subgraph(from: String, to: String) throws(TFLiteError) -> TFLiteSubgraph {
        guard let a = tensor(named: from) else { throw .unknownTensor(name: from) }
        guard let b = tensor(named: to) else { throw .unknownTensor(name: to) }
        return try TFLiteSubgraph(model: self, from: a, to: b)
    }
}
