/// One named series of a grouped bar chart: one value per category.
public struct BarSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// One value per category; NaN draws no bar.
    public var values: [Double]

    /// A series called `name` with one value per category.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
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

    func render(width: Double, height: Double, legend: Bool) -> String {
        var svg = SVGWriter(width: width, height: height, title: title)
        let frame = PlotFrame(width: width, height: height, hasLegend: legend, bottomMargin: 80)
        let all = series.flatMap { Array($0.values.prefix(categories.count)) }
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
                if value.isFinite {
                    let top = scale.pixel(value)
                    svg.rect(x, min(top, baseline), barWidth, abs(baseline - top), fill: Palette.color(s),
                             cls: "bar", tooltip: "\(name): \(valueText)")
                    let labelY = value >= 0 ? min(top, baseline) - 4 : max(top, baseline) + 12
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
