/// A heatmap such as a confusion matrix: labelled rows and columns, each cell coloured on a
/// white→blue scale and printed with its value, plus a colour bar.
public struct Heatmap: Sendable {
    /// Heading drawn above the plot and used as the SVG `<title>`.
    public var title: String
    /// Labels down the left side, top to bottom.
    public var rowLabels: [String]
    /// Labels along the top, left to right.
    public var columnLabels: [String]
    /// `values[row][column]`; NaN cells are grey and print "n/a".
    public var values: [[Double]]
    /// Title of the row axis (e.g. "True").
    public var rowAxisTitle: String
    /// Title of the column axis (e.g. "Predicted").
    public var columnAxisTitle: String

    /// A heatmap of `values` with the given labels.
    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double]],
                rowAxisTitle: String = "", columnAxisTitle: String = "") {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.rowAxisTitle = rowAxisTitle
        self.columnAxisTitle = columnAxisTitle
    }

    /// Side of one cell in pixels.
    static let cell = 48.0

    /// The chart as a standalone SVG document; the canvas grows with the number of rows and columns.
    public func svg() -> String {
        let rows = rowLabels.count
        let cols = columnLabels.count
        let longestRow = Double(rowLabels.map(\.count).max() ?? 0)
        let longestCol = Double(columnLabels.map(\.count).max() ?? 0)
        let left = 40 + longestRow * 7 + 10
        let top = 44 + 20 + min(longestCol * 6, 120)
        let gridW = Double(cols) * Heatmap.cell
        let gridH = Double(rows) * Heatmap.cell
        let width = max(left + gridW + 110, 360)
        let height = top + gridH + 40
        var svg = SVGWriter(width: width, height: height, title: title)

        let finite = values.flatMap { $0 }.filter(\.isFinite)
        let lo = min(finite.min() ?? 0, 0)
        let hi = finite.max() ?? 1
        let span = hi > lo ? hi - lo : 1
        let integral = finite.allSatisfy { $0 == $0.rounded() }
        let decimals = integral ? 0 : 2

        for r in 0..<rows {
            for c in 0..<cols {
                let v = r < values.count && c < values[r].count ? values[r][c] : .nan
                let x = left + Double(c) * Heatmap.cell
                let y = top + Double(r) * Heatmap.cell
                let t = (v - lo) / span
                let fill = v.isFinite ? Palette.sequential(t) : Palette.missing
                let text = valueLabel(v, decimals: decimals)
                svg.rect(x, y, Heatmap.cell, Heatmap.cell, fill: fill, cls: "cell",
                         tooltip: "\(rowLabels[r]) → \(columnLabels[c]): \(text)")
                svg.text(x + Heatmap.cell / 2, y + Heatmap.cell / 2 + 4, text, anchor: "middle",
                         cls: "cell-value", fill: v.isFinite && t > 0.5 ? "#ffffff" : "#000000")
            }
        }
        for (r, label) in rowLabels.enumerated() {
            svg.text(left - 6, top + (Double(r) + 0.5) * Heatmap.cell + 4, label, anchor: "end", cls: "row-label")
        }
        for (c, label) in columnLabels.enumerated() {
            let x = left + (Double(c) + 0.5) * Heatmap.cell
            svg.text(x, top - 6, label, anchor: "start", cls: "column-label", rotate: -45)
        }
        if !rowAxisTitle.isEmpty {
            svg.text(14, top + gridH / 2, rowAxisTitle, anchor: "middle", weight: "bold", cls: "axis-title",
                     rotate: -90)
        }
        if !columnAxisTitle.isEmpty {
            svg.text(left + gridW / 2, top + gridH + 24, columnAxisTitle, anchor: "middle", weight: "bold",
                     cls: "axis-title")
        }
        drawColorBar(&svg, x: left + gridW + 24, top: top, height: max(gridH, 60), lo: lo, hi: hi,
                     decimals: decimals)
        return svg.finish()
    }

    /// A vertical gradient from the lowest (bottom) to the highest value (top), labelled at both ends.
    private func drawColorBar(_ svg: inout SVGWriter, x: Double, top: Double, height: Double, lo: Double,
                              hi: Double, decimals: Int) {
        svg.raw(#"<defs><linearGradient id="heat-scale" x1="0" y1="1" x2="0" y2="0">"#
                + #"<stop offset="0" stop-color="\#(Palette.sequential(0))"/>"#
                + #"<stop offset="1" stop-color="\#(Palette.sequential(1))"/></linearGradient></defs>"#)
        svg.raw(#"<rect class="color-bar" x="\#(fmt(x))" y="\#(fmt(top))" width="14" height="\#(fmt(height))" "#
                + ##"fill="url(#heat-scale)" stroke="#999999"/>"##)
        svg.text(x + 20, top + 10, valueLabel(hi, decimals: decimals), cls: "color-bar-label")
        svg.text(x + 20, top + height, valueLabel(lo, decimals: decimals), cls: "color-bar-label")
    }
}
