import Charts
import Foundation
import Testing

@Suite struct HeatmapTests {
    let classes = ["Bird", "Cat", "Dog & <Wolf>"]
    let counts: [[Double]] = [[8, 1, 1], [0, 9, 1], [2, 0, 8]]

    @Test func oneCellPerEntryWithItsValue() throws {
        let svg = Heatmap(title: "Confusion", rowLabels: classes, columnLabels: classes, values: counts,
                          rowAxisTitle: "True", columnAxisTitle: "Predicted").svg()
        let doc = try SVGInspection(svg)
        #expect(doc.elements(class: "cell").count == 9)
        #expect(doc.texts(class: "cell-value") == ["8", "1", "1", "0", "9", "1", "2", "0", "8"])
        #expect(doc.texts(class: "row-label") == classes)
        #expect(doc.texts(class: "column-label") == classes)
    }

    @Test func cellPositionFollowsRowAndColumn() throws {
        let doc = try SVGInspection(Heatmap(title: "t", rowLabels: classes, columnLabels: classes,
                                            values: counts).svg())
        let cells = doc.elements(class: "cell")
        // Row-major: cell (1, 2) is right of (1, 0) and below (0, 2), one cell size apart.
        let side = cells[0].number("width")
        #expect(abs(cells[5].number("x") - cells[3].number("x") - 2 * side) < 0.02)
        #expect(abs(cells[5].number("y") - cells[2].number("y") - side) < 0.02)
    }

    @Test func colourScaleRunsFromLightestAtMinimumToDarkestAtMaximum() throws {
        let doc = try SVGInspection(Heatmap(title: "t", rowLabels: classes, columnLabels: classes,
                                            values: counts).svg())
        let fills = doc.elements(class: "cell").map { $0.attr("fill") }
        #expect(fills[4] == "#08306b")  // the maximum, 9
        #expect(fills[3] == "#f7fbff")  // zero
        #expect(fills[0] != fills[1])
    }

    @Test func nanCellIsGreyAndNotAvailable() throws {
        let doc = try SVGInspection(Heatmap(title: "t", rowLabels: ["a"], columnLabels: ["x", "y"],
                                            values: [[0.5, .nan]]).svg())
        let cells = doc.elements(class: "cell")
        #expect(cells[1].attr("fill") == "#d9d9d9")
        #expect(doc.texts(class: "cell-value") == ["0.50", "n/a"])
    }
}
