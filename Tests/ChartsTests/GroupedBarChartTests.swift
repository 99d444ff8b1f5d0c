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
}
