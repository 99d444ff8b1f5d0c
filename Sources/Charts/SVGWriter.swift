import Foundation

/// Accumulates SVG markup line by line; every number and every piece of text goes through one
/// formatter and one escaper so the same chart always yields the same bytes.
struct SVGWriter {
    private(set) var lines: [String] = []
    let width: Double
    let height: Double

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        lines.append(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        lines.append(
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(fmt(width))" height="\#(fmt(height))" "#
                + #"viewBox="0 0 \#(fmt(width)) \#(fmt(height))" font-family="sans-serif" font-size="12">"#)
        lines.append("<title>\(escapeXML(title))</title>")
        lines.append(##"<rect class="background" x="0" y="0" width="\##(fmt(width))" height="\##(fmt(height))" fill="#ffffff"/>"##)
        if !title.isEmpty {
            text(width / 2, 24, title, anchor: "middle", size: 16, weight: "bold", cls: "chart-title")
        }
    }

    mutating func raw(_ line: String) { lines.append(line) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                       stroke: String = "#333333", width: Double = 1, cls: String, dash: Bool = false) {
        let dashAttr = dash ? #" stroke-dasharray="3 3""# : ""
        lines.append(
            #"<line class="\#(cls)" x1="\#(fmt(x1))" y1="\#(fmt(y1))" x2="\#(fmt(x2))" y2="\#(fmt(y2))" "#
                + #"stroke="\#(stroke)" stroke-width="\#(fmt(width))"\#(dashAttr)/>"#)
    }

    /// A rectangle with an optional tooltip (`<title>` child) naming what it shows.
    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, cls: String,
                       tooltip: String? = nil) {
        let open = #"<rect class="\#(cls)" x="\#(fmt(x))" y="\#(fmt(y))" width="\#(fmt(max(0, w)))" "#
            + #"height="\#(fmt(max(0, h)))" fill="\#(fill)""#
        if let tooltip {
            lines.append(open + "><title>\(escapeXML(tooltip))</title></rect>")
        } else {
            lines.append(open + "/>")
        }
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Double? = nil,
                       weight: String? = nil, cls: String, fill: String? = nil, rotate: Double? = nil) {
        var attrs = #"class="\#(cls)" x="\#(fmt(x))" y="\#(fmt(y))" text-anchor="\#(anchor)""#
        if let size { attrs += #" font-size="\#(fmt(size))""# }
        if let weight { attrs += #" font-weight="\#(weight)""# }
        if let fill { attrs += #" fill="\#(fill)""# }
        if let rotate { attrs += #" transform="rotate(\#(fmt(rotate)) \#(fmt(x)) \#(fmt(y)))""# }
        lines.append("<text \(attrs)>\(escapeXML(content))</text>")
    }

    func finish() -> String { (lines + ["</svg>"]).joined(separator: "\n") + "\n" }
}

/// Coordinates to two decimals, trailing zeros dropped, never "-0": short and byte-stable.
func fmt(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var s = String(format: "%.2f", value)
    if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
    return s == "-0" ? "0" : s
}

/// Escapes the five XML special characters so labels such as `a<b & c` stay well-formed.
func escapeXML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(ch)
        }
    }
    return out
}
