import Foundation
import RunStore
import Testing

/// `metrics/predictions.csv` and a set's `predictions.csv`: pinned text, read back, and compared by `reproduce`
/// only where the committed run has them.
@Suite struct PredictionRowTests {
    let labels = ["Bird", "Cat", "Dog, large"]
    var rows: [PredictionRow] {
        [PredictionRow(set: "test", clip: "Test/Bird/a.wav", trueClass: "Bird", predictedClass: "Bird",
                       probabilities: [0.9, 0.0999994, 6e-7]),
         PredictionRow(set: "test", clip: "Test/Dog, large/b,c.wav", trueClass: "Dog, large", predictedClass: "Cat",
                       probabilities: [0.25, 0.5, 0.25])]
    }

    @Test func layoutHasOneProbabilityColumnPerClassWithSixDecimals() throws {
        let text = try PredictionRow.csv(rows, labels: labels)
        #expect(text == """
            set,clip,true_class,predicted_class,p_Bird,p_Cat,"p_Dog, large"
            test,Test/Bird/a.wav,Bird,Bird,0.900000,0.099999,0.000001
            test,"Test/Dog, large/b,c.wav","Dog, large",Cat,0.250000,0.500000,0.250000

            """)
        let back = try PredictionRow.parse(text, path: "p.csv")
        #expect(back.map(\.clip) == rows.map(\.clip) && back[1].trueClass == "Dog, large")
        #expect(back[0].probabilities == [0.9, 0.099999, 0.000001])
        #expect(throws: RunStoreError.self) { try PredictionRow.parse("set,clip,true_class,predicted,p_A\n", path: "bad.csv") }
        #expect(throws: RunStoreError.self) { try PredictionRow.parse("set,clip,true_class,predicted_class,p_A\ntest,a,A,A,x\n", path: "bad.csv") }
    }

    @Test func headlineAndSetPredictionsAreWrittenAndLoaded() throws {
        let scratch = try ScratchDirectory()
        var sample = SampleRun()
        sample.labels = labels
        let writer = try RunWriter(runsDirectory: scratch.url, name: sample.name)
        try sample.writeAll(writer)
        try writer.writePredictions(rows, labels: labels)
        var other = rows
        for i in other.indices { other[i].set = "noisy" }
        try writer.writeSet(name: "noisy", summary: sample.summary[0], report: sample.report, confusion: sample.confusion,
                            predictions: other)
        let folder = try writer.commit(provenance: sample.provenance)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("metrics/predictions.csv").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("metrics/sets/noisy/predictions.csv").path))
        let run = try Run.load(folder: folder)
        #expect(run.predictions.count == 2 && run.predictions[1].predictedClass == "Cat")
        #expect(run.sets.first { $0.name == "noisy" }?.predictions.map(\.set) == ["noisy", "noisy"])

        // A committed run from before predictions were kept is not a difference; a changed probability is.
        let fresh = scratch.url.appendingPathComponent("fresh")
        try FileManager.default.copyItem(at: folder, to: fresh)
        let old = scratch.url.appendingPathComponent("old")
        try FileManager.default.copyItem(at: folder, to: old)
        try FileManager.default.removeItem(at: old.appendingPathComponent("metrics/predictions.csv"))
        try FileManager.default.removeItem(at: old.appendingPathComponent("metrics/sets/noisy/predictions.csv"))
        #expect(RunReproduction.differences(committed: old, fresh: fresh) == [])
        #expect(RunReproduction.differences(committed: folder, fresh: fresh) == [])
        let changed = fresh.appendingPathComponent("metrics/sets/noisy/predictions.csv")
        try (try String(contentsOf: changed, encoding: .utf8)).replacingOccurrences(of: "0.500000", with: "0.500001")
            .write(to: changed, atomically: true, encoding: .utf8)
        #expect(RunReproduction.differences(committed: folder, fresh: fresh).map { $0.prefix(39) } == ["metrics/sets/noisy/predictions.csv: lin"])
        try FileManager.default.removeItem(at: fresh.appendingPathComponent("metrics/predictions.csv"))
        #expect(RunReproduction.differences(committed: folder, fresh: fresh).contains("metrics/predictions.csv: missing from the fresh run"))
    }
}
