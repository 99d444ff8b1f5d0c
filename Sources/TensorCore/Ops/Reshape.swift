extension Tensor {
    /// The same values with another shape of equal size; one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let i = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != i }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshape \(shape) -> \(newShape): cannot infer -1")
            s[i] = count / known
        }
        let inShape = shape
        return reshapedLeaf(s).record([self]) { [unowned self] g in
            self.accumulate(g.reshapedLeaf(inShape))
        }
    }
}
