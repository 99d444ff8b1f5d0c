/// One named line: points (x[i], y[i]); a NaN y breaks the line into separate segments.
public struct LineSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// Horizontal coordinates, e.g. epochs.
    public var x: [Double]
    /// Vertical coordinates, one per `x`.
    public var y: [Double]
    /// A shaded band around the line (e.g. mean ± sd over seeds): lower and upper bound per `x`; nil draws none.
    public var band: (lower: [Double], upper: [Double])?
    /// Dashed line (e.g. validation beside a solid training curve).
    public var dashed: Bool = false

    /// A series called `name` through the points `zip(x, y)`.
    public init(name: String, x: [Double], y: [Double], band: (lower: [Double], upper: [Double])? = nil, dashed: Bool = false) {
        self.name = name
        self.x = x
        self.y = y
        self.band = band
        self.dashed = dashed
    }

    public static func == (a: LineSeries, b: LineSeries) -> Bool {
        a.name == b.name && a.x == b.x && a.y == b.y && a.band?.lower == b.band?.lower && a.band?.upper == b.band?.upper
            && a.dashed == b.dashed
    }
}

/// A line chart of several series on shared axes, with a marker on every point and a legend.
public struct LineChart: Sendable {
    /// Heading drawn above the plot and used as the SVG `<title>`.
    public var title: String
    /// The lines.
    public var series: [LineSeries]
    /// Title of the horizontal axis.
    public var xAxisTitle: String
    /// Title of the vertical axis.
    public var yAxisTitle: String
    /// A fixed vertical range; nil fits the data.
    public var yRange: ClosedRange<Double>?
    /// Canvas width in pixels.
    public var width: Double = 720
    /// Canvas height in pixels.
    public var height: Double = 400

    /// A line chart of `series`.
    public init(title: String, series: [LineSeries], xAxisTitle: String = "", yAxisTitle: String = "",
                yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.series = series
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.yRange = yRange
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        // A legend entry longer than the legend column widens the canvas instead of being cut at its edge.
        let extra = max(0, Double(series.map(\.name.count).max() ?? 0) * 7.5 - 120)
        let width = self.width + extra
        var svg = SVGWriter(width: width, height: height, title: title)
        let frame = PlotFrame(width: width, height: height, hasLegend: true, legendWidth: PlotFrame.legendWidth + extra)
        let points = series.map { s in Array(zip(s.x, s.y)) }
        let bands = series.flatMap { s in s.band.map { zip(s.x, $0.lower).map { $0 } + zip(s.x, $0.upper).map { $0 } } ?? [] }
        let finite = (points.flatMap { $0 } + bands).filter { $0.0.isFinite && $0.1.isFinite }
        let yScale = LinearScale(values: finite.map(\.1), includeZero: false, fixed: yRange,
                                 pixels: (frame.bottom, frame.top))
        let xs = finite.map(\.0)
        let xScale = LinearScale(values: xs, includeZero: false, fixed: nil, pixels: (frame.left, frame.right),
                                 integral: !xs.isEmpty && xs.allSatisfy { $0 == $0.rounded() })
        frame.drawValueAxis(&svg, scale: yScale, title: yAxisTitle)
        frame.drawCategoryAxis(&svg, baseline: frame.bottom, title: xAxisTitle, height: height)
        for tick in xScale.ticks {
            let x = xScale.pixel(tick)
            svg.line(x, frame.bottom, x, frame.bottom + 5, cls: "xtick")
            svg.text(x, frame.bottom + 18, xScale.label(tick), anchor: "middle", cls: "xtick-label")
        }
        // Bands first, under every line.
        for (s, serie) in series.enumerated() {
            guard let band = serie.band else { continue }
            let edge = zip(serie.x, zip(band.lower, band.upper)).filter { $0.0.isFinite && $0.1.0.isFinite && $0.1.1.isFinite }
            guard edge.count > 1 else { continue }
            let upper = edge.map { "\(fmt(xScale.pixel($0.0))),\(fmt(yScale.pixel(min($0.1.1, yScale.domainMax))))" }
            let lower = edge.reversed().map { "\(fmt(xScale.pixel($0.0))),\(fmt(yScale.pixel(max($0.1.0, yScale.domainMin))))" }
            svg.raw(#"<polygon class="band" fill="\#(Palette.color(s))" fill-opacity="0.18" stroke="none" "#
                    + #"points="\#((upper + lower).joined(separator: " "))"/>"#)
        }
        for (s, pts) in points.enumerated() {
            let color = Palette.color(s)
            let dash = series[s].dashed ? #" stroke-dasharray="6 4""# : ""
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    svg.raw(#"<polyline class="line" fill="none" stroke="\#(color)" stroke-width="2"\#(dash) "#
                            + #"points="\#(segment.joined(separator: " "))"/>"#)
                }
                segment = []
            }
            for (x, y) in pts {
                guard x.isFinite, y.isFinite else { flush(); continue }
                segment.append("\(fmt(xScale.pixel(x))),\(fmt(yScale.pixel(y)))")
            }
            flush()
            for (x, y) in pts where x.isFinite && y.isFinite {
                svg.raw(#"<circle class="point" cx="\#(fmt(xScale.pixel(x)))" cy="\#(fmt(yScale.pixel(y)))" "#
                        + #"r="3" fill="\#(color)"><title>\#(escapeXML(series[s].name)) "#
                        + #"(\#(valueLabel(x, decimals: 4)), \#(valueLabel(y, decimals: 4)))</title></circle>"#)
            }
        }
        frame.drawLegend(&svg, names: series.map(\.name), line: true)
        return svg.finish()
    }
}
