/// One named line: points (x[i], y[i]); a NaN y breaks the line into separate segments.
public struct LineSeries: Sendable, Equatable {
    /// Legend name.
    public var name: String
    /// Horizontal coordinates, e.g. epochs.
    public var x: [Double]
    /// Vertical coordinates, one per `x`.
    public var y: [Double]

    /// A series called `name` through the points `zip(x, y)`.
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
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
        var svg = SVGWriter(width: width, height: height, title: title)
        let frame = PlotFrame(width: width, height: height, hasLegend: true)
        let points = series.map { s in Array(zip(s.x, s.y)) }
        let finite = points.flatMap { $0 }.filter { $0.0.isFinite && $0.1.isFinite }
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
        for (s, pts) in points.enumerated() {
            let color = Palette.color(s)
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    svg.raw(#"<polyline class="line" fill="none" stroke="\#(color)" stroke-width="2" "#
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
