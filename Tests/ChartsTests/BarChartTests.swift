import Charts
import Foundation
import Testing

@Suite struct BarChartTests {
    @Test func oneBarPerValueAndHeightsProportionalToValues() throws {
        let svg = BarChart(title: "Counts", labels: ["a", "b", "c"], values: [1, 2, 4]).svg()
        let doc = try SVGInspection(svg)
        let bars = doc.elements(class: "bar")
        #expect(bars.count == 3)
        let heights = bars.map { $0.number("height") }
        #expect(abs(heights[1] - 2 * heights[0]) < 0.02)
        #expect(abs(heights[2] - 4 * heights[0]) < 0.02)
        // All bars stand on the same baseline.
        let bottoms = bars.map { $0.number("y") + $0.number("height") }
        #expect(bottoms.allSatisfy { abs($0 - bottoms[0]) < 0.02 })
    }

    @Test func barTopSitsOnTheTickOfItsValue() throws {
        let svg = BarChart(title: "t", labels: ["a", "b"], values: [0.4, 0.8]).svg()
        let doc = try SVGInspection(svg)
        let labels = doc.texts(class: "ytick-label")
        let ticks = doc.elements(class: "ytick")
        #expect(labels == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        let tickY = Dictionary(uniqueKeysWithValues: zip(labels, ticks.map { $0.number("y1") }))
        let bars = doc.elements(class: "bar")
        #expect(abs(bars[0].number("y") - tickY["0.4"]!) < 0.02)
        #expect(abs(bars[1].number("y") - tickY["0.8"]!) < 0.02)
        #expect(abs(bars[0].number("y") + bars[0].number("height") - tickY["0.0"]!) < 0.02)
    }

    @Test func fixedRangeSpansTheWholeAxis() throws {
        let svg = BarChart(title: "t", labels: ["a"], values: [0.5], valueRange: 0...1).svg()
        let labels = try SVGInspection(svg).texts(class: "ytick-label")
        #expect(labels.first == "0.0")
        #expect(labels.last == "1.0")
    }

    @Test func labelsWithMarkupCharactersAreEscapedAndReadBack() throws {
        let label = "a<b & c>\"d\""
        let svg = BarChart(title: "x < y & z", labels: [label], values: [1]).svg()
        #expect(svg.contains("a&lt;b &amp; c&gt;&quot;d&quot;"))
        let doc = try SVGInspection(svg)
        #expect(doc.texts(class: "xtick-label") == [label])
        #expect(doc.texts(class: "chart-title") == ["x < y & z"])
    }

    @Test func nanValueDrawsNoBarAndSaysNotAvailable() throws {
        let svg = BarChart(title: "t", labels: ["a", "b", "c"], values: [1, .nan, 3]).svg()
        let doc = try SVGInspection(svg)
        #expect(doc.elements(class: "bar").count == 2)
        #expect(doc.texts(class: "missing") == ["n/a"])
        #expect(!svg.lowercased().contains("nan"))
    }

    @Test func allNaNStillRendersAValidChart() throws {
        let svg = BarChart(title: "t", labels: ["a"], values: [.nan]).svg()
        let doc = try SVGInspection(svg)
        #expect(doc.elements(class: "bar").isEmpty)
        #expect(!doc.texts(class: "ytick-label").isEmpty)
    }

    @Test func negativeValuesHangBelowTheZeroLine() throws {
        let svg = BarChart(title: "t", labels: ["up", "down"], values: [2, -1]).svg()
        let doc = try SVGInspection(svg)
        let bars = doc.elements(class: "bar")
        let zeroY = bars[0].number("y") + bars[0].number("height")
        #expect(abs(bars[1].number("y") - zeroY) < 0.02)
        #expect(abs(bars[1].number("height") * 2 - bars[0].number("height")) < 0.02)
    }

    @Test func sameInputGivesSameBytes() {
        let chart = BarChart(title: "t", labels: ["a", "b"], values: [0.123456, 0.654321])
        #expect(chart.svg() == chart.svg())
        #expect(chart.svg().hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }
}
