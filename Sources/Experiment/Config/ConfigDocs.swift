import AudioFeatures
/// The docs key tables, generated from the declarations. docs/experiments.md holds each between
/// `<!-- MARKER -->` and `<!-- /MARKER -->`, and a test checks that they match.
public enum ConfigDocs {
    /// Every table with its marker (`schema:train`, `catalogue:optimizers`), in docs order.
    public static var tables: [(marker: String, table: String)] {
        [
            ("schema:data", section(DataConfig.schema.rows(DataConfig()))),
            ("schema:features", section(FeatureSettings.schema.rows(FeatureSettings()))),
            ("schema:train", section(TrainConfig.schema.rows(TrainConfig()))),
        ] + Catalogues.all.map { ("catalogue:\($0.plural)", $0.docsTable) }
    }

    private static func section(_ rows: [ConfigKeyRow]) -> String {
        ConfigDocText.table(["key", "value", "default", "notes"],
                            rows.map { ["`\($0.key)`", $0.type, "`\($0.defaultText)`", $0.note] })
    }
}
