/// One named series of a grouped bar chart: one value per category.
public struct BarSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// One value per category; NaN draws no bar.
    public var values: [Double]
    /// Half-length of each value's error bar (a standard deviation over seeds); nil or NaN draws none.
    public var errors: [Double]?

    /// A series called `name` with one value per category, and optionally an error (± half-length) per value.
    public init(name: String, values: [Double], errors: [Double]? = nil) {
        self.name = name
        self.values = values
        self.errors = errors
    }
}

/// Grouped bars: for each category, one bar per series side by side, with a legend.
public struct GroupedBarChart: Sendable {
    /// Heading drawn above the plot and used as the SVG `<title>`.
    public var title: String
    /// Category labels along the horizontal axis.
    public var categories: [String]
    /// The series; each contributes one bar per category.
    public var series: [BarSeries]
    /// Title of the value axis.
    public var valueAxisTitle: String
    /// A fixed value-axis range (e.g. `0...1` for scores); nil fits the data from zero.
    public var valueRange: ClosedRange<Double>?
    /// Decimals of the value printed above each bar.
    public var valueDecimals: Int
    /// Canvas width in pixels.
    public var width: Double = 720
    /// Canvas height in pixels.
    public var height: Double = 420

    /// A grouped bar chart of `series` over `categories`.
    public init(title: String, categories: [String], series: [BarSeries], valueAxisTitle: String = "",
                valueRange: ClosedRange<Double>? = nil, valueDecimals: Int = 3) {
        self.title = title
        self.categories = categories
        self.series = series
        self.valueAxisTitle = valueAxisTitle
        self.valueRange = valueRange
        self.valueDecimals = valueDecimals
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String { render(width: width, height: height, legend: true) }

    func render(width plotWidth: Double, height plotHeight: Double, legend: Bool) -> String {
        // A legend entry longer than the legend column widens the canvas instead of being cut at its edge.
        let extra = legend ? max(0, Double(series.map(\.name.count).max() ?? 0) * 7.5 - 120) : 0
        let width = plotWidth + extra
        // Long category names get the room they need below and left of the plot; the canvas grows rather than the plot shrinking.
        let margins = PlotFrame.labelMargins(categories, plotWidth: width - 90 - (legend ? PlotFrame.legendWidth : 0), bottom: 80, left: 70)
        let height = plotHeight + margins.bottom - 80
        var svg = SVGWriter(width: width, height: height, title: title)
        let frame = PlotFrame(width: width, height: height, hasLegend: legend, bottomMargin: margins.bottom, leftMargin: margins.left,
                              legendWidth: PlotFrame.legendWidth + extra)
        // The scale holds the error bars too, unless the range is fixed.
        let all = series.flatMap { s in s.values.prefix(categories.count).enumerated().flatMap { i, v -> [Double] in
            let e = s.errors.flatMap { i < $0.count ? $0[i] : nil } ?? .nan
            return e.isFinite ? [v, v + e, v - e] : [v]
        } }
        let scale = LinearScale(values: all, includeZero: true, fixed: valueRange,
                                pixels: (frame.bottom, frame.top))
        frame.drawValueAxis(&svg, scale: scale, title: valueAxisTitle)

        let count = categories.count
        let slot = count > 0 ? frame.width / Double(count) : frame.width
        let groupWidth = slot * 0.8
        let barWidth = series.isEmpty ? 0 : groupWidth / Double(series.count)
        let baseline = scale.pixel(0)
        var centers: [Double] = []
        for (c, category) in categories.enumerated() {
            let groupLeft = frame.left + Double(c) * slot + (slot - groupWidth) / 2
            centers.append(frame.left + (Double(c) + 0.5) * slot)
            for (s, serie) in series.enumerated() {
                let value = c < serie.values.count ? serie.values[c] : .nan
                let x = groupLeft + Double(s) * barWidth
                let name = serie.name.isEmpty ? category : "\(category) — \(serie.name)"
                let valueText = valueLabel(value, decimals: valueDecimals)
                let error = serie.errors.flatMap { c < $0.count ? $0[c] : nil } ?? .nan
                if value.isFinite {
                    let top = scale.pixel(value)
                    let errorText = error.isFinite && error > 0 ? " ± " + valueLabel(error, decimals: valueDecimals) : ""
                    // A zero is a 1-pixel bar, so it never reads as a missing one.
                    svg.rect(x, min(top, baseline) - (value == 0 ? 1 : 0), barWidth, max(abs(baseline - top), value == 0 ? 1 : 0),
                             fill: Palette.color(s), cls: "bar", tooltip: "\(name): \(valueText)\(errorText)")
                    var labelTop = min(top, baseline)
                    if error.isFinite, error > 0 {
                        // Clipped to the plot: a fixed 0...1 range must not let a wide spread run over the title.
                        let hi = max(scale.pixel(value + error), frame.top), lo = min(scale.pixel(value - error), frame.bottom)
                        let mid = x + barWidth / 2
                        let cap = min(barWidth * 0.25, 4)
                        svg.line(mid, lo, mid, hi, stroke: "#222222", cls: "error")
                        svg.line(mid - cap, hi, mid + cap, hi, stroke: "#222222", cls: "error")
                        svg.line(mid - cap, lo, mid + cap, lo, stroke: "#222222", cls: "error")
                        labelTop = min(labelTop, hi, lo)
                    }
                    let labelY = value >= 0 ? labelTop - 4 : max(top, baseline) + 12
                    // Labels only where they fit: many experiments make narrow bars whose labels would overlap.
                    if barWidth >= 24 {
                        svg.text(x + barWidth / 2, labelY, valueText, anchor: "middle", size: 10, cls: "value")
                    }
                } else {
                    svg.text(x + barWidth / 2, baseline - 4, valueText, anchor: "middle", size: 10,
                             cls: "value missing")
                }
            }
        }
        frame.drawCategoryAxis(&svg, baseline: baseline, title: "", height: height)
        frame.drawCategoryLabels(&svg, labels: categories, centers: centers, slot: slot)
        if legend {
            frame.drawLegend(&svg, names: series.map(\.name), line: false)
        }
        return svg.finish()
    }
}
