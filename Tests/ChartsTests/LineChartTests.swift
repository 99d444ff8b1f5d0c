import Charts
import Foundation
import Testing

@Suite struct LineChartTests {
    let epochs: [Double] = [1, 2, 3, 4, 5]

    @Test func onePointPerFiniteValueAndNaNSplitsTheLine() throws {
        let chart = LineChart(title: "Loss", series: [
            LineSeries(name: "loss", x: epochs, y: [2.0, 1.5, 1.0, 0.8, 0.6]),
            LineSeries(name: "val_loss", x: epochs, y: [2.1, 1.7, .nan, 1.1, 1.0]),
        ], xAxisTitle: "epoch", yAxisTitle: "loss")
        let doc = try SVGInspection(chart.svg())
        #expect(doc.elements(class: "point").count == 9)
        let lines = doc.elements(class: "line")
        #expect(lines.count == 3)
        let pointCounts = lines.map { ($0.attr("points") ?? "").split(separator: " ").count }
        #expect(pointCounts == [5, 2, 2])
        #expect(doc.texts(class: "legend-label") == ["loss", "val_loss"])
    }

    @Test func pointsSitOnTheirTicks() throws {
        let chart = LineChart(title: "t", series: [LineSeries(name: "s", x: epochs, y: [0, 1, 2, 3, 4])])
        let doc = try SVGInspection(chart.svg())
        let yLabels = doc.texts(class: "ytick-label")
        let yTicks = doc.elements(class: "ytick").map { $0.number("y1") }
        let xLabels = doc.texts(class: "xtick-label")
        let xTicks = doc.elements(class: "xtick").map { $0.number("x1") }
        let points = doc.elements(class: "point")
        // Epoch 3 with value 2: both axes carry a tick at exactly those values.
        let yAt2 = yTicks[yLabels.firstIndex(of: "2")!]
        let xAt3 = xTicks[xLabels.firstIndex(of: "3")!]
        #expect(abs(points[2].number("cy") - yAt2) < 0.02)
        #expect(abs(points[2].number("cx") - xAt3) < 0.02)
        // Larger values are drawn higher (smaller y).
        let ys = points.map { $0.number("cy") }
        #expect(ys == ys.sorted(by: >))
    }

    @Test func wholeNumberXValuesGetWholeNumberTicks() throws {
        let chart = LineChart(title: "t", series: [LineSeries(name: "s", x: [1, 2, 3], y: [0.5, 0.4, 0.3])])
        let labels = try SVGInspection(chart.svg()).texts(class: "xtick-label")
        #expect(labels == ["1", "2", "3"])
        let fractional = LineChart(title: "t", series: [LineSeries(name: "s", x: [0, 0.5, 1], y: [1, 2, 3])])
        #expect(try SVGInspection(fractional.svg()).texts(class: "xtick-label") == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }
}

/// A band is drawn under its line as one polygon whose edges are the lower and upper bounds, and the scale holds it.
@Test func aBandIsAPolygonBetweenItsBoundsUnderTheLine() throws {
    let chart = LineChart(title: "t", series: [LineSeries(name: "mean", x: [1, 2, 3], y: [0.5, 0.6, 0.7],
                                                          band: (lower: [0.4, 0.5, 0.6], upper: [0.6, 0.7, 0.8]))])
    let svg = chart.svg()
    let polygon = try #require(svg.range(of: "<polygon class=\"band\""))
    let line = try #require(svg.range(of: "<polyline class=\"line\""))
    #expect(polygon.lowerBound < line.lowerBound, "the band is under the line")
    let doc = try SVGInspection(svg)
    let points = try #require(doc.elements(class: "band").first?.attr("points")).split(separator: " ")
    #expect(points.count == 6, "three upper then three lower corners")
}
