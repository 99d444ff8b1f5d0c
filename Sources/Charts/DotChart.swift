/// One named series of a dot chart: every value measured at each category (e.g. one per seed).
public struct DotSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// The values at each category; an empty list draws nothing there.
    public var values: [[Double]]

    public init(name: String, values: [[Double]]) {
        self.name = name
        self.values = values
    }
}

/// A metric against the values of one setting: categories along the horizontal axis (the setting's values, in
/// the order given), for each series every measured value as a small dot, their mean as a larger marker with a
/// ± sd whisker, and the means joined by a line so a trend reads at a glance.
public struct DotChart: Sendable {
    public var title: String
    public var categories: [String]
    public var series: [DotSeries]
    public var categoryAxisTitle: String
    public var valueAxisTitle: String
    public var valueRange: ClosedRange<Double>?
    public var width: Double = 720
    public var height: Double = 400

    public init(title: String, categories: [String], series: [DotSeries], categoryAxisTitle: String = "",
                valueAxisTitle: String = "", valueRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.categories = categories
        self.series = series
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.valueRange = valueRange
    }

    /// Mean and sample sd of `values` (sd nil below two values).
    static func stats(_ values: [Double]) -> (mean: Double, sd: Double?)? {
        let v = values.filter(\.isFinite)
        guard !v.isEmpty else { return nil }
        let mean = v.reduce(0, +) / Double(v.count)
        guard v.count > 1 else { return (mean, nil) }
        return (mean, (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot())
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let extra = max(0, Double(series.map(\.name.count).max() ?? 0) * 7.5 - 120)
        let width = self.width + extra
        let margins = PlotFrame.labelMargins(categories, plotWidth: width - 90 - PlotFrame.legendWidth, bottom: 60, left: 70)
        let height = self.height + margins.bottom - 60
        var svg = SVGWriter(width: width, height: height, title: title)
        let frame = PlotFrame(width: width, height: height, hasLegend: true, bottomMargin: margins.bottom, leftMargin: margins.left,
                              legendWidth: PlotFrame.legendWidth + extra)
        let all = series.flatMap { $0.values.prefix(categories.count).flatMap { $0 } }.filter(\.isFinite)
        let scale = LinearScale(values: all, includeZero: false, fixed: valueRange, pixels: (frame.bottom, frame.top))
        frame.drawValueAxis(&svg, scale: scale, title: valueAxisTitle)
        let slot = categories.isEmpty ? frame.width : frame.width / Double(categories.count)
        let centers = categories.indices.map { frame.left + (Double($0) + 0.5) * slot }
        // Series side by side within a slot, so equal values of two series do not hide each other.
        let spread = min(slot * 0.5, 16 * Double(series.count))
        for (s, serie) in series.enumerated() {
            let color = Palette.color(s)
            let offset = series.count > 1 ? spread * (Double(s) / Double(series.count - 1) - 0.5) : 0
            var means: [String] = []
            for (c, category) in categories.enumerated() {
                let values = c < serie.values.count ? serie.values[c] : []
                let x = centers[c] + offset
                for v in values where v.isFinite {
                    svg.raw(#"<circle class="dot" cx="\#(fmt(x))" cy="\#(fmt(scale.pixel(v)))" r="2.5" fill="none" "#
                            + #"stroke="\#(color)"><title>\#(escapeXML(serie.name)) at \#(escapeXML(category)): \#(valueLabel(v, decimals: 4))</title></circle>"#)
                }
                guard let st = Self.stats(values) else { continue }
                if let sd = st.sd, sd > 0 {
                    let hi = max(scale.pixel(st.mean + sd), frame.top), lo = min(scale.pixel(st.mean - sd), frame.bottom)
                    svg.line(x, lo, x, hi, stroke: color, cls: "error")
                }
                means.append("\(fmt(x)),\(fmt(scale.pixel(st.mean)))")
                let sdText = st.sd.map { " ± " + valueLabel($0, decimals: 4) } ?? ""
                svg.raw(#"<circle class="mean" cx="\#(fmt(x))" cy="\#(fmt(scale.pixel(st.mean)))" r="5" fill="\#(color)">"#
                        + #"<title>\#(escapeXML(serie.name)) at \#(escapeXML(category)): mean \#(valueLabel(st.mean, decimals: 4))\#(sdText) (n=\#(values.count))</title></circle>"#)
            }
            if means.count > 1 {
                svg.raw(#"<polyline class="line" fill="none" stroke="\#(color)" stroke-width="1.5" points="\#(means.joined(separator: " "))"/>"#)
            }
        }
        frame.drawCategoryAxis(&svg, baseline: frame.bottom, title: categoryAxisTitle, height: height)
        frame.drawCategoryLabels(&svg, labels: categories, centers: centers, slot: slot)
        frame.drawLegend(&svg, names: series.map(\.name), line: false)
        return svg.finish()
    }
}
