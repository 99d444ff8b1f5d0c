import Foundation

extension ExperimentConfig {
    /// Builds the model as `run` would, so `validate` reports unknown layers, options outside their range and
    /// shapes that cannot flow, at their `file:line:column`. `classes` is the number of classes `run` would find.
    /// With a `budget`, a model whose training would not fit in it is refused too.
    public func checkModel(budget: MemoryBudget? = nil) throws(ConfigError) {
        guard !isAbstract else { return }
        let built = try GraphBuilder.build(model, classCount: max(data.classes?.count ?? classFoldersOnDisk, 1), seed: 0,
                                           budget: budget, batchSize: train.batchSize)
        try checkObjectives(model: built.module)
    }

    /// The class folders under the training folder, as `run` lists them (hidden ones skipped).
    private var classFoldersOnDisk: Int {
        let train = ConfigPaths.join(data.root, data.train)
        return ((try? FileManager.default.contentsOfDirectory(atPath: train)) ?? [])
            .filter { !$0.hasPrefix(".") && ConfigPaths.isDirectory(ConfigPaths.join(train, $0)) }.count
    }
}
