import Foundation

/// Text-level pieces the YAML mutations are built from.
enum YAMLText {
    /// Values of every YAML type, for a key that expects one of them.
    static let anyType = ["[]", "{}", "null", "~", "true", "no", "\"str\"", "'0'", "[1, 2]", "{a: 1}", "0x1F", "0o17",
                          ".nan", ".inf", "-.inf", "\"\"", "- x", "1e400", "12:30:00", "2001-12-14", "|\n  x", "classes",
                          "relu", "adam", "&a 1"]
    /// Numbers at and past every edge a setting has.
    static let extremeNumbers = ["0", "-1", "1", "2", "3", "0.5", "1.5", "-0.0", "1e-300", "1e308", "1e12", "65536",
                                 "2147483648", "9007199254740993", "9223372036854775807", "-9223372036854775808",
                                 "9223372036854775808", "100000000", ".nan", ".inf"]

    /// `(indentation and key, value)` of a `key: value` line whose value is a plain scalar, else nil.
    static func scalarValue(in line: String) -> (prefix: String, value: String)? {
        guard let colon = line.range(of: ": "), !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") else { return nil }
        let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let first = value.first, !"{[|>&*#!".contains(first) else { return nil }
        return (String(line[..<colon.upperBound]), value)
    }

    /// `source` with its top-level `key:` section (the key's line and every indented or blank line after it)
    /// replaced by `section`, or with `section` appended when there is none.
    static func replacingSection(_ key: String, in source: String, with section: String) -> String {
        var lines = source.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return source + "\n" + section + "\n" }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("#") { end += 1 }
        lines.replaceSubrange(start..<end, with: [section, ""])
        return lines.joined(separator: "\n")
    }

    static let layerTypes = ["conv1d", "conv2d", "depthwise_conv2d", "dense", "batch_norm", "layer_norm", "dropout",
                             "max_pool1d", "avg_pool1d", "max_pool2d", "avg_pool2d", "global_avg_pool1d",
                             "global_avg_pool2d", "flatten", "reshape", "activation", "embedding", "positional_embedding",
                             "multi_head_attention", "gru", "bidirectional", "add", "concatenate", "Conv1D", "Dense",
                             "lstm", "", "conv"]
    static let layerKeys = ["filters", "kernel_size", "strides", "padding", "activation", "units", "rate", "pool_size",
                            "target_shape", "axis", "momentum", "epsilon", "num_heads", "key_dim", "input_dim",
                            "output_dim", "return_sequences", "dilation_rate", "groups", "depth_multiplier", "use_bias",
                            "layer", "name", "go_backwards", "sequence_length", "padding", "strides"]
    static let layerValues = ["0", "1", "2", "3", "7", "64", "500", "1000", "65536", "-1", "2147483648",
                              "4611686018427387904", "0.0", "0.5", "1.0", "1.5", "-0.1", "1e30", ".nan", "relu", "softmax",
                              "same", "valid", "causal", "classes", "tanh", "xyz", "[1, 2]", "[500, 128]", "[0]",
                              "[-1, 128]", "[64000, 2]", "[]", "{type: gru, units: 4}", "{}", "true", "null", "$x"]

    /// Layers that build on the default [500, 128] input, each with the parameters that size it.
    static let plausibleLayers: [(type: String, params: [(String, [String])])] = [
        ("conv1d", [("filters", ["8", "32"]), ("kernel_size", ["3", "5"]), ("activation", ["relu"]), ("padding", ["same", "valid"])]),
        ("dense", [("units", ["16", "classes"]), ("activation", ["relu", "softmax"])]),
        ("max_pool1d", [("pool_size", ["2", "4"])]),
        ("avg_pool1d", [("pool_size", ["2"])]),
        ("dropout", [("rate", ["0.3"])]),
        ("batch_norm", [("momentum", ["0.99"])]),
        ("layer_norm", [("epsilon", ["0.001"])]),
        ("flatten", []),
        ("global_avg_pool1d", []),
        ("reshape", [("target_shape", ["[500, 128, 1]", "[64000]", "[250, 256]"])]),
        ("conv2d", [("filters", ["4"]), ("kernel_size", ["3", "[3, 3]"])]),
        ("max_pool2d", [("pool_size", ["2", "[2, 2]"])]),
        ("global_avg_pool2d", []),
        ("depthwise_conv2d", [("kernel_size", ["3"]), ("depth_multiplier", ["1", "2"])]),
        ("gru", [("units", ["8"]), ("return_sequences", ["true", "false"])]),
        ("bidirectional", [("layer", ["{type: gru, units: 4}"])]),
        ("multi_head_attention", [("num_heads", ["2"]), ("key_dim", ["8"])]),
        ("positional_embedding", [("sequence_length", ["500", "499"])]),
        ("embedding", [("input_dim", ["100"]), ("output_dim", ["8"])]),
        ("activation", [("activation", ["relu", "tanh", "softmax"])]),
    ]

    /// One flow-style layer: mostly a plausible one, often with one parameter pushed to an extreme, sometimes
    /// anything at all. `key` is "type" for a layer list, "op" for a graph node.
    static func randomLayer(_ g: inout SeededGenerator, key: String = "type") -> String {
        if g.chance(0.15) {
            let params = layerKeys.filter { _ in g.chance(0.15) }.map { "\($0): \(g.pick(layerValues))" }
            return "{" + (["\(key): \(g.pick(layerTypes))"] + params).joined(separator: ", ") + "}"
        }
        let layer = g.pick(plausibleLayers)
        var params = layer.params.map { ($0.0, g.pick($0.1)) }
        if g.chance(0.5) {
            let twisted = params.isEmpty || g.chance(0.2) ? g.pick(layerKeys) : g.pick(params).0
            params.removeAll { $0.0 == twisted }
            params.append((twisted, g.pick(layerValues)))
        }
        return "{" + (["\(key): \(layer.type)"] + params.map { "\($0.0): \($0.1)" }).joined(separator: ", ") + "}"
    }

    /// A `nodes:` graph whose inputs may be missing, repeated, cyclic or the node itself; most nodes read the
    /// nodes before them, so many graphs are well formed and get their shapes checked.
    static func randomGraph(_ g: inout SeededGenerator) -> String {
        let count = g.int(1...6)
        let names = (0..<count).map { "n\($0)" }
        var lines = ["model:", "  input: \(g.chance(0.9) ? "x" : g.pick(["n0", "''"]))",
                     "  output: \(g.chance(0.9) ? "head" : g.pick(names + ["x", "zz"]))", "  nodes:"]
        for (k, name) in names.enumerated() {
            let earlier = ["x"] + names.prefix(k)
            let inputs: [String]
            if g.chance(0.8) {
                inputs = g.chance(0.2) ? [g.pick(earlier), g.pick(earlier)] : [g.pick(earlier)]
            } else {
                inputs = (0..<g.int(0...3)).map { _ in g.pick(names + ["x", "missing", name]) }
            }
            let layer = g.chance(0.2) ? "{op: \(g.pick(["add", "concatenate"]))}" : randomLayer(&g, key: "op")
            lines.append("    \(name): \(layer.dropLast()), inputs: [\(inputs.joined(separator: ", "))]}")
        }
        lines.append("    head_flat: {op: flatten, inputs: [\(names.last!)]}")
        lines.append("    head: {op: dense, units: classes, activation: softmax, inputs: [head_flat]}")
        return lines.joined(separator: "\n")
    }

    /// `blocks:` with parameters, missing parameters and blocks that use themselves or each other.
    static func randomBlocks(_ g: inout SeededGenerator) -> String {
        let inner = g.pick(["{type: conv1d, filters: $filters, kernel_size: 3}", "{type: b1}", "{type: b0}",
                            "{type: dense, units: $missing}", "{type: dropout, rate: $rate}", "{type: b1, filters: $filters}"])
        return """
            model:
              blocks:
                b0:
                  params: {filters: \(g.pick(layerValues)), rate: \(g.pick(["0.3", "2", "$rate", "x"]))}
                  layers:
                    - \(inner)
                    - {type: dropout, rate: $rate}
                b1:
                  params: \(g.pick(["{filters: 8}", "{}", "[]", "{rate: 0.1}"]))
                  layers:
                    - \(g.pick(["{type: b0}", "{type: b0, filters: $filters}", "{type: flatten}", "{type: b1}"]))
              layers:
                - {type: \(g.pick(["b0", "b1"])), filters: \(g.pick(layerValues))}
                - {type: flatten}
                - {type: dense, units: classes, activation: softmax}
            """
    }

    /// The billion laughs: `levels` anchored lists, each `width` aliases of the one before.
    static func laughs(levels: Int, width: Int) -> String {
        var lines = ["a0: &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for i in 1..<levels {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: width).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
