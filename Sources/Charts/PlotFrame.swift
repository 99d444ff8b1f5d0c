/// The plotting area inside a chart's margins, and the pieces every XY chart shares: the value
/// axis with gridlines and tick labels, axis titles, and the legend on the right.
struct PlotFrame {
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double

    static let legendWidth = 150.0

    init(width: Double, height: Double, hasLegend: Bool, bottomMargin: Double = 60, leftMargin: Double = 70,
         legendWidth: Double = PlotFrame.legendWidth) {
        left = leftMargin
        top = 44
        right = width - 20 - (hasLegend ? legendWidth : 0)
        bottom = height - bottomMargin
    }

    var width: Double { right - left }

    /// Y axis line, one gridline + label per tick, and the rotated axis title.
    func drawValueAxis(_ svg: inout SVGWriter, scale: LinearScale, title: String) {
        for tick in scale.ticks {
            let y = scale.pixel(tick)
            svg.line(left, y, right, y, stroke: "#e0e0e0", cls: "grid")
            svg.line(left - 5, y, left, y, cls: "ytick")
            svg.text(left - 8, y + 4, scale.label(tick), anchor: "end", cls: "ytick-label")
        }
        svg.line(left, top, left, bottom, cls: "axis")
        if !title.isEmpty {
            svg.text(18, (top + bottom) / 2, title, anchor: "middle", cls: "axis-title", rotate: -90)
        }
    }

    /// The horizontal axis line at the baseline pixel, and the axis title under the labels.
    func drawCategoryAxis(_ svg: inout SVGWriter, baseline: Double, title: String, height: Double) {
        svg.line(left, baseline, right, baseline, cls: "axis")
        if !title.isEmpty {
            svg.text((left + right) / 2, height - 10, title, anchor: "middle", cls: "axis-title")
        }
    }

    /// One swatch + name per series, stacked at the top right.
    func drawLegend(_ svg: inout SVGWriter, names: [String], line: Bool) {
        let x = right + 16
        for (i, name) in names.enumerated() {
            let y = top + 6 + Double(i) * 20
            if line {
                svg.line(x, y, x + 18, y, stroke: Palette.color(i), width: 2, cls: "legend-swatch")
            } else {
                svg.rect(x, y - 6, 12, 12, fill: Palette.color(i), cls: "legend-swatch")
            }
            svg.text(x + 24, y + 4, name, cls: "legend-label")
        }
    }

    /// Category labels centred under their slot; rotated when they would overlap their neighbours.
    /// Whether category labels are drawn slanted: when the longest would not fit its slot upright.
    static func rotatesLabels(_ labels: [String], slot: Double) -> Bool { Double(labels.map(\.count).max() ?? 0) * 6.5 > slot }

    /// Margins (bottom, left) that hold slanted labels whole: a label of L pixels at 35° reaches 0.57·L down and
    /// 0.82·L left of its slot's centre.
    static func labelMargins(_ labels: [String], plotWidth: Double, bottom: Double, left: Double) -> (bottom: Double, left: Double) {
        let slot = labels.isEmpty ? plotWidth : plotWidth / Double(labels.count)
        guard rotatesLabels(labels, slot: slot) else { return (bottom, left) }
        let length = Double(labels.map(\.count).max() ?? 0) * 6.5
        return (max(bottom, 0.57 * length + 30), max(left, 0.82 * length - slot / 2 + 12))
    }

    func drawCategoryLabels(_ svg: inout SVGWriter, labels: [String], centers: [Double], slot: Double) {
        let rotate = Self.rotatesLabels(labels, slot: slot)
        for (label, x) in zip(labels, centers) {
            if rotate {
                svg.text(x, bottom + 14, label, anchor: "end", cls: "xtick-label", rotate: -35)
            } else {
                svg.text(x, bottom + 16, label, anchor: "middle", cls: "xtick-label")
            }
        }
    }
}
