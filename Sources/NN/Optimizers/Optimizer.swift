import TensorCore

/// Everything an optimiser needs to continue bit-identically: step count, scalars and per-parameter slots.
public struct OptimizerState: Codable, Equatable, Sendable {
    /// Optimiser type name (checked on load).
    public var type: String
    /// Completed steps.
    public var iterations: Int
    /// Extra scalar state (e.g. Nadam's momentum-schedule product).
    public var scalars: [String: Float]
    /// Slot tensors by "<slot>/<parameter dotted name>", e.g. "m/blocks.0.conv.kernel".
    public var slots: [String: [Float]]
}

/// Base of the Keras 3 optimisers: decoupled weight decay (w −= lr·wd·w before the update, as Keras 3 does for
/// every optimiser), optional clipping by global norm, then the subclass's update with raw pointers.
/// Call `step` with the same parameter list every time (e.g. `model.trainableParameters()` taken once).
public class Optimizer {
    /// Learning rate for the next step (set it from a schedule before each step).
    public var learningRate: Float
    /// Decoupled weight decay coefficient (0 = off).
    public var weightDecay: Float
    /// If set, gradients are scaled by clip/max(globalNorm, clip) (Keras `global_clipnorm`).
    public var globalClipNorm: Float?
    /// Learning-rate multipliers by module path: a parameter under `prefix.` steps at `learningRate · factor`, the
    /// first matching prefix wins (fine-tuning a pretrained backbone's blocks slower than the new head on top).
    public var rateScales: [(prefix: String, factor: Float)] = []
    /// Completed steps.
    public private(set) var iterations: Int = 0
    /// Slot tensors by "<slot>/<name>".
    var slots: [String: Tensor] = [:]
    /// Slot pointers by parameter tensor (the tensors stay alive in `slots`).
    private var slotCache: [ObjectIdentifier: [UnsafeMutablePointer<Float>]] = [:]

    init(learningRate: Float, weightDecay: Float, globalClipNorm: Float?) {
        precondition(learningRate >= 0 && weightDecay >= 0 && (globalClipNorm ?? 1) > 0, "optimizer: negative rate, decay or clip")
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.globalClipNorm = globalClipNorm
    }

    /// Keras class name.
    public var typeName: String { "Optimizer" }
    /// Names of the per-parameter slots the subclass keeps.
    var slotNames: [String] { [] }
    /// Extra scalar state of the subclass.
    var scalarState: [String: Float] {
        get { [:] }
        set {}
    }

    /// The L2 norm of all gradients together (missing gradients count as zero).
    public static func globalNorm(_ params: [NamedParameter]) -> Float {
        var sq = 0.0
        for p in params {
            guard let g = p.value.grad else { continue }
            g.withUnsafeBufferPointer { b in for x in b { sq += Double(x) * Double(x) } }
        }
        return Float(sq.squareRoot())
    }

    /// Applies one update from the accumulated gradients (parameters without a gradient are left alone).
    public func step(_ params: [NamedParameter]) {
        var scale: Float = 1
        if let clip = globalClipNorm {
            let norm = Optimizer.globalNorm(params)
            if norm > clip { scale = clip / norm }
        }
        beginStep()
        let base = learningRate
        defer { learningRate = base }
        for p in params where p.trainable {
            guard let grad = p.value.grad else { continue }
            learningRate = base * (rateScales.first { p.name.hasPrefix($0.prefix + ".") }?.factor ?? 1)
            let decay = learningRate * weightDecay
            let n = p.value.count
            let slotPointers = pointers(for: p)
            p.value.withUnsafeMutableBufferPointer { w in
                grad.withUnsafeBufferPointer { g in
                    guard let wp = w.baseAddress, let gp = g.baseAddress else { return }
                    if decay != 0 { for i in 0..<n { wp[i] -= wp[i] * decay } }
                    update(wp, gp, scale, n, slotPointers)
                }
            }
        }
        iterations += 1
    }

    /// Slot buffers of `p`, created (zeroed) on first use; cached by tensor identity so steady-state steps
    /// neither build names nor allocate.
    private func pointers(for p: NamedParameter) -> [UnsafeMutablePointer<Float>] {
        let id = ObjectIdentifier(p.value)
        if let cached = slotCache[id] { return cached }
        let ptrs = slotNames.map { slotName -> UnsafeMutablePointer<Float> in
            let key = slotName + "/" + p.name
            let s = slots[key] ?? Tensor.zeros([max(p.value.count, 1)])
            precondition(s.count == max(p.value.count, 1), "optimizer: slot \(key) has \(s.count) values, parameter has \(p.value.count)")
            slots[key] = s
            return s.withUnsafeMutableBufferPointer { $0.baseAddress! }
        }
        slotCache[id] = ptrs
        return ptrs
    }

    /// Per-step scalar work before any parameter is updated (iterations is still the previous count).
    func beginStep() {}

    /// Updates `n` weights `w` from gradients `g`·`scale`; `slots` are the subclass's slot buffers.
    func update(_ w: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ scale: Float, _ n: Int,
                _ slots: [UnsafeMutablePointer<Float>]) {
        fatalError("\(typeName) does not implement update")
    }

    /// A snapshot of the state.
    public func state() -> OptimizerState {
        OptimizerState(type: typeName, iterations: iterations, scalars: scalarState,
                       slots: slots.mapValues { $0.scalars })
    }

    /// Restores a snapshot from `state()` (same optimiser type).
    public func load(_ state: OptimizerState) throws {
        guard state.type == typeName else { throw ShapeError("optimizer state is for \(state.type), not \(typeName)") }
        iterations = state.iterations
        scalarState = state.scalars
        slots = state.slots.mapValues { Tensor(shape: [$0.count], data: $0) }
        slotCache = [:]
    }
}
