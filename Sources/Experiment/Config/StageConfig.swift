/// One named stage of `stages:`: the keys of `train` it changes (its optimizer, schedule, epochs, loss,
/// `init_from`, `freeze`), applied over `train` as written. Stages run in order on one model, each starting
/// from the weights the previous one ended with (or from `init_from`), each with a fresh optimizer and schedule.
public struct StageConfig: Sendable, Equatable {
    public var name: String
    public var train: TrainConfig

    public init(name: String, train: TrainConfig) {
        self.name = name
        self.train = train
    }

    /// `stages`: a list of mappings, each read as `train` with its own keys written over it (`init_from` is not
    /// inherited: a stage that should start from a file says so). Empty when the key is absent.
    static func readList(_ r: ConfigReader) -> [StageConfig] {
        guard let v = r.present("stages"), !v.isNull else { return [] }
        guard let items = v.items, !items.isEmpty else {
            r.report("stages", "\(r.field("stages")) must be a non-empty list of stage mappings, got \(v)")
            return []
        }
        var base = r.present("train") ?? YAMLValue(.map([]), at: v.location)
        if let entries = base.entries { base = YAMLValue(.map(entries.filter { $0.key != "init_from" }), at: base.location) }
        var stages: [StageConfig] = []
        for (i, item) in items.enumerated() {
            guard let entries = item.entries else {
                r.sink.report(item.location, "\(r.field("stages")).\(i) must be a mapping with a name and train keys, got \(item)")
                continue
            }
            let own = YAMLValue(.map(entries.filter { $0.key != "name" }), at: item.location)
            let merged = ConfigMerge.merge(Self.withoutReplacedEntries(base, own), own)
            let reader = ConfigReader(merged, path: "\(r.field("stages")).\(i)", fallback: item.location, sink: r.sink, context: r.context)
            var train = TrainConfig()
            TrainConfig.schema.read(reader, into: &train)
            let nameReader = ConfigReader(item, path: "\(r.field("stages")).\(i)", fallback: item.location, sink: r.sink, context: r.context)
            let name = nameReader.string("name", default: "stage\(i + 1)")
            if stages.contains(where: { $0.name == name }) {
                nameReader.report("name", "\(nameReader.field("name")) '\(name)' names an earlier stage too")
            } else if name.contains("/") || name.hasPrefix(".") {
                nameReader.report("name", "\(nameReader.field("name")) must be usable as a folder name, got '\(name)'")
            }
            stages.append(StageConfig(name: name, train: train))
        }
        return stages
    }

    /// `base` without the catalogue sections (`loss`, `optimizer`, ...) whose `type` the stage changes: another
    /// entry's options do not carry over (`train.loss: {type: focal, gamma: 2}` under a stage's `{type: ntxent}`).
    private static func withoutReplacedEntries(_ base: YAMLValue, _ own: YAMLValue) -> YAMLValue {
        guard let entries = base.entries else { return base }
        let kept = entries.filter { entry in
            guard let theirs = own[entry.key]?["type"]?.string ?? own[entry.key]?.string,
                  let ours = entry.value["type"]?.string ?? entry.value.string else { return true }
            return theirs == ours
        }
        return YAMLValue(.map(kept), at: base.location)
    }

    var resolved: YAMLValue {
        Resolved.map([("name", Resolved.string(name))] + TrainConfig.schema.pairs(train))
    }
}
