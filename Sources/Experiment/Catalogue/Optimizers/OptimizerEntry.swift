import NN

/// An optimiser `train.optimizer.type` can name.
public protocol OptimizerEntry: CatalogueEntry {
    /// The optimiser at the section's learning rate and global gradient-norm clip.
    func makeOptimizer(learningRate: Float, clipNorm: Float?) -> Optimizer
}

extension Catalogues {
    /// The optimisers.
    public static var optimizers: Catalogue<any OptimizerEntry> {
        Catalogue(kind: "optimizer", plural: "optimizers", erase: { $0 },
                  [AdamOptions.self, AdamWOptions.self, NadamOptions.self, SGDOptions.self],
                  layout: ResolvedLayout(entries: ["adam", "adamw", "nadam", "sgd"], keys: [
                      ("beta1", Resolved.number(0.9)), ("beta2", Resolved.number(0.999)), ("epsilon", Resolved.number(1e-7)),
                      ("weight_decay", Resolved.number(0)), ("momentum", Resolved.number(0)), ("nesterov", Resolved.bool(false)),
                  ]))
    }
}
