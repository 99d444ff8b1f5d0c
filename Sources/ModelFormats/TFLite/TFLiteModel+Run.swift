import TensorCore

extension TFLiteModel {
    /// Runs the graph on `inputs` (one value per graph input, in order) and returns the graph's outputs, or the
    /// tensors named in `fetching` (any tensor of the graph: an intermediate such as an embedding). Only the ops
    /// the requested tensors depend on run, and every intermediate is released after its last use.
    public func run(_ inputs: [TFLiteValue], fetching names: [String]? = nil) throws(TFLiteError) -> [TFLiteValue] {
        guard inputs.count == self.inputs.count else {
            throw .badInput(reason: "the model takes \(self.inputs.count) inputs, got \(inputs.count)")
        }
        for (value, info) in zip(inputs, self.inputs) {
            guard value.type == info.type else {
                throw .badInput(reason: "input '\(info.name)' is \(info.type.map { "\($0)" } ?? "?"), got \(value.type)")
            }
            guard value.shape.count == info.shape.count else {
                throw .badInput(reason: "input '\(info.name)' has rank \(info.shape.count) (shape \(info.shape)), got shape \(value.shape)")
            }
        }
        var targets: [Int] = []
        if let names {
            for name in names {
                guard let t = tensor(named: name) else { throw .unknownTensor(name: name) }
                targets.append(t.index)
            }
        } else {
            targets = outputs.map(\.index)
        }

        // The steps the targets need, and the last step reading each tensor (after which it is released).
        var needed = Set(targets)
        var plan: [Int] = []
        for s in steps.indices.reversed() where steps[s].outputs.contains(where: needed.contains) {
            plan.append(s)
            for i in steps[s].inputs where i >= 0 { needed.insert(i) }
        }
        plan.reverse()
        var lastUse = [Int](repeating: -1, count: tensors.count)
        for s in plan { for i in steps[s].inputs where i >= 0 { lastUse[i] = s } }
        let kept = Set(targets)

        var values = [TFLiteValue?](repeating: nil, count: tensors.count)
        for (value, info) in zip(inputs, self.inputs) { values[info.index] = value }
        do {
            try execute(plan, lastUse: lastUse, kept: kept, values: &values)
        } catch let error as TFLiteError {
            throw error
        } catch {
            throw .badInput(reason: "\(error)")
        }
        return try targets.map { t throws(TFLiteError) in
            guard let v = constants[t] ?? values[t] else {
                throw .badInput(reason: "tensor '\(tensors[t].name)' has no value after the run")
            }
            return v
        }
    }

    /// Runs the steps of `plan` in order, releasing each tensor after its last use unless it is `kept`.
    private func execute(_ plan: [Int], lastUse: [Int], kept: Set<Int>, values: inout [TFLiteValue?]) throws {
        try Tensor.withoutGrad {
            for s in plan {
                let step = steps[s]
                let args: [TFLiteValue?] = step.inputs.map { $0 >= 0 ? (constants[$0] ?? values[$0]) : nil }
                let results: [TFLiteValue]
                do {
                    results = try step.kernel(args)
                } catch let failure as OpFailure {
                    throw TFLiteError.runtime(op: step.name, opIndex: step.index, reason: failure.reason)
                } catch let error as TFLiteError {
                    throw error
                } catch {
                    throw TFLiteError.runtime(op: step.name, opIndex: step.index, reason: "\(error)")
                }
                guard results.count == step.outputs.count else {
                    throw TFLiteError.runtime(op: step.name, opIndex: step.index, reason: "made \(results.count) outputs, the graph has \(step.outputs.count)")
                }
                for (t, r) in zip(step.outputs, results) {
                    guard r.type == tensors[t].type else {
                        throw TFLiteError.runtime(op: step.name, opIndex: step.index,
                                                  reason: "made \(r.type) for tensor '\(tensors[t].name)' of type \(tensors[t].type.map { "\($0)" } ?? "?")")
                    }
                    values[t] = r
                }
                for i in step.inputs where i >= 0 && lastUse[i] == s && !kept.contains(i) { values[i] = nil }
            }
        }
    }

    /// `run` for float inputs and outputs.
    public func run(_ inputs: [Tensor], fetching names: [String]? = nil) throws(TFLiteError) -> [Tensor] {
        let values = try run(inputs.map { TFLiteValue.float32($0) }, fetching: names)
        return try values.enumerated().map { i, v throws(TFLiteError) in
            guard let t = v.tensor else {
                throw .badInput(reason: "output \(i) is \(v.type), not FLOAT32; use run(_: [TFLiteValue])")
            }
            return t
        }
    }
}
