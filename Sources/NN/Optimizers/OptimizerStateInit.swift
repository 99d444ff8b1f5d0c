extension OptimizerState {
    /// A state from its parts (a checkpoint keeps the slots as tensors and the rest as JSON).
    public init(restoring type: String, iterations: Int, scalars: [String: Float], slots: [String: [Float]]) {
        self.type = type
        self.iterations = iterations
        self.scalars = scalars
        self.slots = slots
    }
}
