import Charts
import Foundation
import Testing

@Suite struct DotChartTests {
    /// Every value a dot, each category's mean a marker on the tick of its value, the means joined per series.
    @Test func dotsMeansAndTheirLine() throws {
        let chart = DotChart(title: "macro-F1 against lr", categories: ["1e-3", "3e-4"],
                             series: [DotSeries(name: "gmp", values: [[0.2, 0.4], [0.6]]),
                                      DotSeries(name: "cnn", values: [[0.5], []])],
                             categoryAxisTitle: "train.optimizer.lr", valueAxisTitle: "macro-F1", valueRange: 0...1)
        let doc = try SVGInspection(chart.svg())
        #expect(doc.elements(class: "dot").count == 4)
        let means = doc.elements(class: "mean")
        #expect(means.count == 3)
        let labels = doc.texts(class: "ytick-label"), ticks = doc.elements(class: "ytick")
        let tickY = Dictionary(uniqueKeysWithValues: zip(labels, ticks.map { $0.number("y1") }))
        // gmp at 1e-3: mean of 0.2 and 0.4 is 0.3, halfway between the 0.2 and 0.4 ticks.
        #expect(abs(means[0].number("cy") - (tickY["0.2"]! + tickY["0.4"]!) / 2) < 0.02)
        #expect(abs(means[1].number("cy") - tickY["0.6"]!) < 0.02)
        // Only gmp has two means to join; an sd whisker only where there are two values.
        #expect(doc.elements(class: "line").count == 1)
        #expect(doc.elements(class: "error").count == 1)
        #expect(doc.texts(class: "xtick-label") == ["1e-3", "3e-4"])
        #expect(doc.texts(class: "legend-label") == ["gmp", "cnn"])
    }
}
