import Foundation
import RunStore
import Testing

@Suite struct RunDiffTests {
    @Test func configLinesAndSummaryMetricsDiffer() throws {
        let scratch = try ScratchDirectory()
        var a = SampleRun()
        a.name = "a"
        try a.commit(into: scratch.url)
        var b = SampleRun()
        b.name = "b"
        b.config = "model:\n  kind: cnn\n  filters: 32\n  dropout: 0.25\ntraining:\n  epochs: 3\n"
        b.accuracy = 0.85
        b.parameters = 20_000
        try b.commit(into: scratch.url)

        let store = RunStore(root: scratch.url)
        let text = RunDiff(a: try store.load("a"), b: try store.load("b")).render()
        #expect(text == """
            --- a/config.yaml
            +++ b/config.yaml
            @@ -3,1 +3,2 @@
            -  filters: 16
            +  filters: 32
            +  dropout: 0.25
            @@ -6,1 +6,0 @@
            -  lr: 0.001

            summary:
            metric                  a         b      delta
            accuracy         0.800000  0.850000  +0.050000
            macro_f1         0.740741  0.740741   0.000000
            weighted_f1      0.759259  0.759259   0.000000
            macro_precision  0.750000  0.750000   0.000000
            macro_recall     0.800000  0.800000   0.000000
            parameters          12345     20000      +7655
            train_seconds    6.875000  6.875000   0.000000
            epochs_run              3         3          0

            """)
    }

    @Test func identicalRunsSayIdentical() throws {
        let scratch = try ScratchDirectory()
        try SampleRun().commit(into: scratch.url)
        let run = try RunStore(root: scratch.url).load("cnn_small")
        let text = RunDiff(a: run, b: run).render()
        #expect(text.contains("(configs identical)\n"))
        #expect(text.contains("accuracy         0.800000  0.800000  0.000000"))
    }

    @Test func setsPresentInOnlyOneRunShowDashes() throws {
        let scratch = try ScratchDirectory()
        var a = SampleRun()
        a.name = "a"
        a.sets = ["test"]
        try a.commit(into: scratch.url)
        var b = SampleRun()
        b.name = "b"
        b.sets = ["test", "field"]
        try b.commit(into: scratch.url)
        let store = RunStore(root: scratch.url)
        let text = RunDiff(a: try store.load("a"), b: try store.load("b")).render()
        #expect(text.contains("summary (test):\n"))
        #expect(text.contains("summary (field):\n"))
        #expect(text.contains("accuracy         -  0.800000      -"))
    }
}

@Suite struct ConfigDiffEdgeTests {
    func diff(_ configA: String, _ configB: String) throws -> String {
        let scratch = try ScratchDirectory()
        var a = SampleRun()
        a.name = "a"
        a.config = configA
        try a.commit(into: scratch.url)
        var b = SampleRun()
        b.name = "b"
        b.config = configB
        try b.commit(into: scratch.url)
        let store = RunStore(root: scratch.url)
        let text = RunDiff(a: try store.load("a"), b: try store.load("b")).render()
        return text.components(separatedBy: "\n\nsummary")[0]
    }

    @Test func insertionAtTheTopNamesLineZero() throws {
        #expect(try diff("x: 1\ny: 2\n", "seed: 7\nx: 1\ny: 2\n") == """
            --- a/config.yaml
            +++ b/config.yaml
            @@ -0,0 +1,1 @@
            +seed: 7
            """)
    }

    @Test func changesFarApartAreSeparateHunks() throws {
        #expect(try diff("a: 1\nb: 2\nc: 3\nd: 4\n", "a: 9\nb: 2\nc: 3\nd: 8\n") == """
            --- a/config.yaml
            +++ b/config.yaml
            @@ -1,1 +1,1 @@
            -a: 1
            +a: 9
            @@ -4,1 +4,1 @@
            -d: 4
            +d: 8
            """)
    }
}
