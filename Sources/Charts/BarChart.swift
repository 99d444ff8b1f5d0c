/// A bar chart: one bar per labelled value, with the value printed above each bar.
public struct BarChart: Sendable {
    /// Heading drawn above the plot and used as the SVG `<title>`.
    public var title: String
    /// One label per bar, left to right.
    public var labels: [String]
    /// One value per bar; NaN draws no bar and prints "n/a".
    public var values: [Double]
    /// Title of the value axis.
    public var valueAxisTitle: String
    /// A fixed value-axis range (e.g. `0...1` for scores); nil fits the data from zero.
    public var valueRange: ClosedRange<Double>?
    /// Decimals of the value printed above each bar.
    public var valueDecimals: Int
    /// Canvas width in pixels.
    public var width: Double = 640
    /// Canvas height in pixels.
    public var height: Double = 400

    /// A bar chart of `values` labelled by `labels` (the shorter of the two decides the count).
    public init(title: String, labels: [String], values: [Double], valueAxisTitle: String = "",
                valueRange: ClosedRange<Double>? = nil, valueDecimals: Int = 3) {
        self.title = title
        self.labels = labels
        self.values = values
        self.valueAxisTitle = valueAxisTitle
        self.valueRange = valueRange
        self.valueDecimals = valueDecimals
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let grouped = GroupedBarChart(
            title: title, categories: labels, series: [BarSeries(name: "", values: values)],
            valueAxisTitle: valueAxisTitle, valueRange: valueRange, valueDecimals: valueDecimals)
        return grouped.render(width: width, height: height, legend: false)
    }
}
