/// Every registry, one per kind; each kind's file declares its own list.
public enum Catalogues {
    /// All registries, in the order docs/experiments.md shows them.
    public static var all: [any CatalogueListing] { [augmentations, losses, optimizers, schedules, samplers] }
}
