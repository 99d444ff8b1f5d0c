/// The ways a YAML case is made from one of experiments/*.yaml: types, ranges, structure, aliases, nesting,
/// encodings, and models that probe the graph builder. Case `i` has kind `allCases[i % count]`.
enum YAMLMutation: String, CaseIterable {
    case original, scalarType = "scalar-type", scalarRange = "scalar-range", layerParams = "layer-params"
    case randomLayers = "random-layers", dagModel = "dag-model", blocksModel = "blocks-model"
    case featuresExtreme = "features-extreme", trainExtreme = "train-extreme", augmentation
    case deleteLine = "delete-line", duplicateLine = "duplicate-line", unknownKey = "unknown-key", indent, truncate
    case byteFlip = "byte-flip", aliasBomb = "alias-bomb", aliasKey = "alias-key", anchorsMany = "anchors-many"
    case aliasOdd = "alias-odd", deepNesting = "deep-nesting", invalidUTF8 = "invalid-utf8", utf16
    case controlChars = "control-chars", extends, tags, documents, longScalar = "long-scalar"
    case hugeFile = "huge-file", emptyish, seeds

    /// The mutated bytes of `source` (an experiment file's text) and a few words on what was done. `selfName` is
    /// the case's own file name (for an `extends` cycle); `clip` an absolute path to a WAV (binary "YAML").
    func apply(to source: String, selfName: String, clip: String, _ g: inout SeededGenerator) -> (bytes: [UInt8], note: String) {
        // A model case stands on the shared base alone: an extended model would be merged into its layers.
        let source = [.randomLayers, .dagModel, .blocksModel].contains(self) ? "extends: base.yaml\n" : source
        var lines = source.components(separatedBy: "\n")
        func text(_ s: String, _ note: String) -> ([UInt8], String) { (Array(s.utf8), note) }
        switch self {
        case .original:
            return text(source, "unchanged")
        case .scalarType, .scalarRange:
            let candidates = lines.indices.filter { YAMLText.scalarValue(in: lines[$0]) != nil }
            guard let i = candidates.isEmpty ? nil : g.pick(candidates), let (prefix, old) = YAMLText.scalarValue(in: lines[i]) else {
                return text(source, "no scalar")
            }
            let new = self == .scalarType ? g.pick(YAMLText.anyType) : g.pick(YAMLText.extremeNumbers)
            lines[i] = prefix + new
            return text(lines.joined(separator: "\n"), "line \(i + 1): \(old) -> \(new)")
        case .layerParams:
            let flows = lines.indices.filter { lines[$0].contains("{type:") }
            guard !flows.isEmpty else { return text(source, "no flow layer") }
            let i = g.pick(flows)
            let layer = YAMLText.randomLayer(&g)
            lines[i] = String(lines[i].prefix { $0 == " " }) + "- " + layer
            return text(lines.joined(separator: "\n"), "layer \(i + 1) -> \(layer)")
        case .randomLayers:
            // Most models end the way a classifier must, so the layers before the head get built and checked.
            var layers = (0..<g.int(1...6)).map { _ in "    - " + YAMLText.randomLayer(&g) }
            if g.chance(0.7) { layers += ["    - {type: flatten}", "    - {type: dense, units: classes, activation: softmax}"] }
            return text(YAMLText.replacingSection("model", in: source, with: "model:\n  layers:\n" + layers.joined(separator: "\n")),
                        "\(layers.count) random layers")
        case .dagModel:
            let model = YAMLText.randomGraph(&g)
            return text(YAMLText.replacingSection("model", in: source, with: model), "random node graph")
        case .blocksModel:
            let model = YAMLText.randomBlocks(&g)
            return text(YAMLText.replacingSection("model", in: source, with: model), "random blocks")
        case .featuresExtreme:
            let keys = ["sample_rate", "n_fft", "hop_length", "n_mels", "max_frames", "fmin", "fmax", "top_db"]
            let chosen = keys.filter { _ in g.chance(0.4) }
            let pairs = (chosen.isEmpty ? [g.pick(keys)] : chosen).map { "\($0): \(g.pick(YAMLText.extremeNumbers + ["1", "2", "8", "16"]))" }
            return text(YAMLText.replacingSection("features", in: source, with: "features: {\(pairs.joined(separator: ", "))}"),
                        "features {\(pairs.joined(separator: ", "))}")
        case .trainExtreme:
            let keys = ["epochs", "batch_size", "class_weights", "sampler", "optimizer", "schedule", "loss", "early_stopping"]
            let pairs = keys.filter { _ in g.chance(0.3) }.map { "\($0): \(g.pick(YAMLText.anyType + YAMLText.extremeNumbers))" }
            return text(YAMLText.replacingSection("train", in: source, with: "train: {\(pairs.joined(separator: ", "))}"),
                        "train {\(pairs.joined(separator: ", "))}")
        case .augmentation:
            let types = ["noise", "gain", "time_shift", "pitch_shift", "spec_augment", "mixup", "reverb", ""]
            let keys = ["p", "snr_db", "mode", "folder", "db", "max_seconds", "semitones", "freq_masks", "freq_width",
                        "time_masks", "time_width", "alpha"]
            let items = (0..<g.int(1...4)).map { _ in
                "  - {type: \(g.pick(types))" + keys.filter { _ in g.chance(0.25) }
                    .map { ", \($0): \(g.pick(YAMLText.anyType + YAMLText.extremeNumbers + ["[0, 20]", "[40, -40]", "naive", "../..", "/"]))" }
                    .joined() + "}"
            }
            return text(YAMLText.replacingSection("augmentation", in: source, with: "augmentation:\n" + items.joined(separator: "\n")),
                        "\(items.count) random augmentations")
        case .deleteLine:
            let i = g.int(0...max(0, lines.count - 1))
            lines.remove(at: i)
            return text(lines.joined(separator: "\n"), "line \(i + 1) deleted")
        case .duplicateLine:
            let i = g.int(0...max(0, lines.count - 1))
            lines.insert(lines[i], at: i)
            return text(lines.joined(separator: "\n"), "line \(i + 1) doubled")
        case .unknownKey:
            let i = g.int(0...lines.count)
            let indent = i < lines.count ? String(lines[i].prefix { $0 == " " }) : ""
            let key = g.pick(["epocs", "Epochs", "model", "layers", "train", "x", "seed", "\"\"", "? [a]", "<<", "1"])
            lines.insert(indent + key + ": " + g.pick(YAMLText.anyType), at: i)
            return text(lines.joined(separator: "\n"), "key \(key) at line \(i + 1)")
        case .indent:
            let i = g.int(0...max(0, lines.count - 1))
            let change = g.pick(["", " ", "  ", "\t", "   ", "          "])
            lines[i] = g.chance(0.5) ? change + lines[i] : String(lines[i].drop { $0 == " " })
            return text(lines.joined(separator: "\n"), "line \(i + 1) re-indented")
        case .truncate:
            let bytes = Array(source.utf8)
            let n = g.int(0...bytes.count)
            return (Array(bytes.prefix(n)), "cut to \(n) of \(bytes.count) bytes")
        case .byteFlip:
            var bytes = Array(source.utf8)
            let flips = g.int(1...8)
            for _ in 0..<flips where !bytes.isEmpty { bytes[g.int(0...bytes.count - 1)] = UInt8.random(in: 0...255, using: &g) }
            return (bytes, "\(flips) random bytes")
        case .aliasBomb:
            let levels = g.int(3...12), width = g.int(2...10)
            let bomb = YAMLText.laughs(levels: levels, width: width)
            let placement = g.int(0...2)
            let doc = placement == 0 ? bomb
                : placement == 1 ? source + "\n" + bomb.replacingOccurrences(of: "\na", with: "\nx_a")
                : bomb + "model: {layers: *a\(levels - 1)}\n"
            return text(doc, "billion laughs, \(levels) levels of \(width)")
        case .aliasKey:
            let levels = g.int(3...9)
            return text(YAMLText.laughs(levels: levels, width: 10) + "? *a\(levels - 1)\n: 1\n? *a\(levels - 2)\n: 2\n",
                        "aliased mapping keys, \(levels) levels")
        case .anchorsMany:
            let n = g.pick([999, 1000, 1001, 5000])
            if g.chance(0.5) {
                return text("x: [" + (0..<n).map { "&n\($0) \($0)" }.joined(separator: ", ") + "]\n", "\(n) anchors")
            }
            return text("a: &a 1\nx: [" + Array(repeating: "*a", count: n).joined(separator: ", ") + "]\n", "\(n) aliases")
        case .aliasOdd:
            let odd = g.pick([
                "seed: *nope\n", "a: &a [*a]\n", "base: &b {epochs: 3}\ntrain:\n  <<: *b\n  batch_size: 4\n",
                "a: &x 1\na2: &x 2\nseed: *x\n", "model: &m {layers: *m}\n", "? &k a\n: *k\n",
                "defs: &l [{type: flatten}, {type: dense, units: classes}]\nmodel: {layers: *l}\n",
            ])
            return text(g.chance(0.5) ? odd : source + "\n" + odd, "alias: \(odd.prefix(30))")
        case .deepNesting:
            let depth = g.pick([50, 99, 100, 101, 500, 999, 1000, 1001, 5000, 100_000])
            switch g.int(0...2) {
            case 0: return text("model: {layers: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}\n",
                                "\(depth) nested flow lists")
            case 1: return text("a: " + String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth) + "\n",
                                "\(depth) nested flow maps")
            default:
                let d = min(depth, 3000)
                return text((0..<d).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n") + " 1\n",
                            "\(d) nested block maps")
            }
        case .invalidUTF8:
            var bytes = Array(source.utf8)
            let bad: [UInt8] = g.pick([[0xE9], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80]])
            let at = g.chance(0.2) ? bytes.count : g.int(0...bytes.count)
            bytes.insert(contentsOf: bad, at: at)
            return (bytes, "bytes \(bad.map { String($0, radix: 16) }) at offset \(at)")
        case .utf16:
            let big = g.chance(0.5), bom = g.chance(0.7)
            let units = Array(source.utf16)
            var bytes: [UInt8] = bom ? (big ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
            for u in units { bytes += big ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
            return (bytes, "UTF-16 \(big ? "BE" : "LE")\(bom ? " with BOM" : "")")
        case .controlChars:
            var bytes = Array(source.utf8)
            let insert: [UInt8] = g.pick([[0x00], [0x1B], [0xEF, 0xBB, 0xBF], [0x0D], [0xE2, 0x80, 0xA8], [0x07], [0x7F]])
            let at = g.chance(0.3) ? 0 : g.int(0...bytes.count)
            bytes.insert(contentsOf: insert, at: at)
            if g.chance(0.2) { bytes = bytes.map { $0 == 0x0A ? 0x0D : $0 } }
            return (bytes, "bytes \(insert.map { String($0, radix: 16) }) at offset \(at)")
        case .extends:
            let target = g.pick(["missing.yaml", selfName, ".", "/dev/zero", "/dev/null", "/proc/self/status", clip,
                                 "[base.yaml, base.yaml]", "[]", "5", "{a: 1}", "[[base.yaml]]", "''", "/",
                                 "[" + Array(repeating: "base.yaml", count: 200).joined(separator: ", ") + "]"])
            let cleaned = lines.filter { !$0.hasPrefix("extends:") }
            return text("extends: \(target)\n" + cleaned.joined(separator: "\n"), "extends \(target.prefix(40))")
        case .tags:
            let tag = g.pick(["!!binary aGVsbG8=", "!!python/object/apply:os.system [\"true\"]", "!custom x", "!!set {a, b}",
                              "!!omap [a: 1]", "!!timestamp 2001-12-14", "!!int \"12\"", "!!float abc", "!<tag:yaml.org,2002:str> s",
                              "!!map [1]", "!!seq {a: 1}", "!!null x", "!!bool maybe"])
            let candidates = lines.indices.filter { YAMLText.scalarValue(in: lines[$0]) != nil }
            guard !candidates.isEmpty else { return text(source, "no scalar") }
            let i = g.pick(candidates)
            lines[i] = YAMLText.scalarValue(in: lines[i])!.prefix + tag
            return text(lines.joined(separator: "\n"), "line \(i + 1) tagged \(tag.prefix(24))")
        case .documents:
            let doc = g.pick(["---\n" + source + "\n---\n" + source, source + "\n...\n", "--- |\n  " + source.prefix(40),
                              "%YAML 1.2\n---\n" + source, "%YAML 9.9\n---\n" + source, "%TAG ! tag:x,2000:\n---\n" + source])
            return text(doc, "documents")
        case .longScalar:
            let n = g.pick([10_000, 100_000, 900_000])
            let long = String(repeating: "x", count: n)
            let doc = g.pick(["name: \(long)\n" + source, source + "\n\(long): 1\n", "model: {layers: [{type: \(long)}]}\n"])
            return text(doc, "\(n)-character scalar")
        case .hugeFile:
            let n = g.pick([1_048_000, 1_100_000, 3_000_000])
            let pad = g.chance(0.5) ? String(repeating: "# padding\n", count: n / 10)
                : "x: [" + Array(repeating: "1", count: n / 3).joined(separator: ", ") + "]\n"
            return text(source + "\n" + pad, "padded past \(n) bytes")
        case .emptyish:
            let doc = g.pick(["", "\n", "# only a comment\n", "---\n", "~\n", "[]\n", "42\n", "'str'\n", "- a\n- b\n", "{}\n", "null\n"])
            return text(doc, "document \(doc.debugDescription)")
        case .seeds:
            let value = g.pick(["[]", "[1, 1]", "[-1]", "18446744073709551616", "1.5", "x", "null", "[[1]]",
                                "[" + (0..<1000).map(String.init).joined(separator: ", ") + "]", "-9223372036854775808"])
            let cleaned = lines.filter { !$0.hasPrefix("seed:") }
            return text("seed: \(value)\n" + cleaned.joined(separator: "\n"), "seed \(value.prefix(30))")
        }
    }
}
