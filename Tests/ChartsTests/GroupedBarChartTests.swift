import Charts
import Foundation
import Testing

@Suite struct GroupedBarChartTests {
    @Test func barsPerCategoryAndSeriesWithLegend() throws {
        let chart = GroupedBarChart(
            title: "Scores", categories: ["cnn", "mlp", "resnet"],
            series: [BarSeries(name: "accuracy", values: [0.9, 0.7, 0.95]),
                     BarSeries(name: "macro F1", values: [0.85, 0.6, .nan])],
            valueRange: 0...1)
        let doc = try SVGInspection(chart.svg())
        #expect(doc.elements(class: "bar").count == 5)
        #expect(doc.texts(class: "legend-label") == ["accuracy", "macro F1"])
        #expect(doc.texts(class: "xtick-label") == ["cnn", "mlp", "resnet"])
        // Within a category, series are side by side left to right in series order.
        let bars = doc.elements(class: "bar")
        #expect(bars[0].number("x") < bars[1].number("x"))
        #expect(bars[1].number("x") < bars[2].number("x"))
        // The two series have different fills.
        #expect(bars[0].attr("fill") != bars[1].attr("fill"))
    }

    @Test func valueOfOneReachesTheTopOfAFixedUnitAxis() throws {
        let chart = GroupedBarChart(title: "t", categories: ["a"],
                                    series: [BarSeries(name: "s", values: [1.0])], valueRange: 0...1)
        let doc = try SVGInspection(chart.svg())
        let ticks = doc.elements(class: "ytick")
        let topTick = ticks.map { $0.number("y1") }.min()!
        #expect(abs(doc.elements(class: "bar")[0].number("y") - topTick) < 0.02)
    }

    /// Error bars span mean ± sd on the value scale; a zero is a visible 1-pixel bar, not a missing one; and long
    /// category and legend names get room instead of being cut at the canvas edge.
    @Test func errorBarsZeroBarsAndLongNames() throws {
        let long = "an_experiment_with_a_long_name (n=4)"
        let chart = GroupedBarChart(title: "t", categories: [long, "b", "c"],
                                    series: [BarSeries(name: long, values: [0.5, 0, 0.2], errors: [0.1, .nan, .nan])], valueRange: 0...1)
        let doc = try SVGInspection(chart.svg())
        let errors = doc.elements(class: "error")
        #expect(errors.count == 3, "one vertical line and two caps for the one finite error")
        let ticks = doc.elements(class: "ytick").map { $0.number("y1") }
        let (top, bottom) = (ticks.min()!, ticks.max()!)
        func y(_ v: Double) -> Double { bottom + (top - bottom) * v }
        let vertical = try #require(errors.first { $0.number("x1") == $0.number("x2") })
        #expect(abs(min(vertical.number("y1"), vertical.number("y2")) - y(0.6)) < 0.05)
        #expect(abs(max(vertical.number("y1"), vertical.number("y2")) - y(0.4)) < 0.05)
        let bars = doc.elements(class: "bar")
        #expect(bars.count == 3 && bars[1].number("height") == 1)
        // Slanted labels fit: the canvas is taller than the default and the plot starts further right.
        let root = try #require(doc.root)
        #expect(root.number("height") > 420)
        #expect(root.number("width") > 720)
    }
}
