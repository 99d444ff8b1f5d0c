import Foundation

/// The backward half of one recorded op: its inputs and how to turn the output's gradient into theirs.
final class Node {
    let inputs: [Tensor]
    let backward: (Tensor) -> Void
    /// Where the op was recorded (for `OpProfiler`).
    let file: StaticString, line: UInt
    init(inputs: [Tensor], file: StaticString, line: UInt, backward: @escaping (Tensor) -> Void) {
        self.inputs = inputs
        self.file = file
        self.line = line
        self.backward = backward
    }
}

/// Whether ops record a backward. Per thread, so a worker evaluating never stops another from training.
public enum GradMode {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    /// True unless inside `Tensor.withoutGrad`.
    public static var isEnabled: Bool { pthread_getspecific(key) == nil }

    static func set(enabled: Bool) {
        pthread_setspecific(key, enabled ? nil : UnsafeRawPointer(bitPattern: 1))
    }
}

extension Tensor {
    /// Runs `body` recording nothing (inference): no graph is kept, so intermediate buffers return to the pool at once.
    public static func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
        let was = GradMode.isEnabled
        GradMode.set(enabled: false)
        defer { GradMode.set(enabled: was) }
        return try body()
    }

    /// Records `backward` on `self` (an op's fresh output) when any input needs a gradient.
    /// `backward` receives the output gradient and must call `accumulate` on the inputs that need one.
    @inline(__always)
    func record(_ inputs: [Tensor], file: StaticString = #fileID, line: UInt = #line,
                _ backward: @escaping (Tensor) -> Void) -> Tensor {
        if _slowPath(OpProfiler.enabled) { OpProfiler.forward(file, line, shape) }
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return self }
        requiresGrad = true
        node = Node(inputs: inputs, file: file, line: line, backward: backward)
        return self
    }

    /// Adds `g` into this tensor's gradient. `owned` promises nobody else holds `g`, so it can be adopted without a copy.
    func accumulate(_ g: Tensor, owned: Bool = true) {
        guard requiresGrad else { return }
        precondition(g.shape == shape, "gradient shape \(g.shape) does not match tensor shape \(shape)")
        if let existing = grad {
            let dst = existing.pointer, src = g.pointer
            for i in 0..<count { dst[i] += src[i] }
        } else {
            grad = owned ? g : g.detached()
        }
    }

    /// Back-propagates from this scalar (or from `seed`, a gradient of the same shape) into every leaf that requires grad.
    /// The graph is released afterwards, so call it once per forward pass.
    public func backward(seed: Tensor? = nil) {
        precondition(seed != nil || count == 1, "backward() without a seed needs a scalar, shape is \(shape)")
        guard requiresGrad else { return }
        // Topological order by iterative DFS (deep graphs such as unrolled GRUs would overflow recursion).
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded { order.append(t); continue }
            if !visited.insert(ObjectIdentifier(t)).inserted { continue }
            stack.append((t, true))
            if let node = t.node {
                for input in node.inputs where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                    stack.append((input, false))
                }
            }
        }
        accumulate(seed ?? Tensor(shape: shape, repeating: 1), owned: seed == nil)
        for t in order.reversed() {
            guard let node = t.node else { continue }
            if let g = t.grad {
                if _slowPath(OpProfiler.enabled) {
                    OpProfiler.mark("backward: graph walk and releases")
                    OpProfiler.backward("\(OpProfiler.short(node.file)):\(node.line) \(t.shape)") { node.backward(g) }
                } else {
                    node.backward(g)
                }
            }
            // Intermediates give their gradient and graph back as soon as they have been propagated.
            t.node = nil
            t.grad = nil
        }
        OpProfiler.mark("backward: graph walk and releases")
    }
}
