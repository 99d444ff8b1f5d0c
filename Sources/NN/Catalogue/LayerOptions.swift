/// A layer's options once checked against its kind: every value accepted and canonical, every fallback filled in.
/// Only `LayerKind.check` makes one, so a layer built from it never sees a value outside its option's range.
public struct LayerOptions: Sendable {
    let values: [String: ConfigValue]

    /// The value of `option`.
    public subscript<Value>(_ option: LayerOption<Value>) -> Value { option.value(in: values) }
}
