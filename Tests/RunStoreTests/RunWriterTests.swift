import Foundation
import RunStore
import Testing

@Suite struct RunWriterTests {
    @Test func everyFileRoundTrips() throws {
        let scratch = try ScratchDirectory()
        let sample = SampleRun()
        let folder = try sample.commit(into: scratch.url)
        #expect(folder.lastPathComponent == "cnn_small")

        let run = try RunStore(root: scratch.url).load("cnn_small")
        #expect(run.config == sample.config)
        #expect(run.labels == sample.labels)
        #expect(sameHistory(run.history, sample.history))
        #expect(run.report == sample.report)
        #expect(run.confusion == sample.confusion)
        #expect(run.summary == sample.summary)
        var expected = sample.provenance
        expected.complete = true
        #expect(run.provenance == expected)
        let weights = FileManager.default.contents(atPath: folder.appendingPathComponent("weights.safetensors").path)
        #expect(weights == sample.weights)
    }

    @Test func commitDrawsTheRunCharts() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path)
        #expect(charts.sorted() == ["accuracy.svg", "confusion_matrix.svg", "confusion_matrix_normalized.svg", "f1_per_class.svg",
                                   "learning_rate.svg", "loss.svg"])
        let heatmap = try String(contentsOf: folder.appendingPathComponent("charts/confusion_matrix.svg"), encoding: .utf8)
        #expect(heatmap.hasPrefix("<?xml"))
        #expect(heatmap.contains(">Dog, large</text>"))
        #expect(heatmap.components(separatedBy: #"class="cell""#).count - 1 == 9)
    }

    @Test func curvesOfARunWithoutValidationHaveNoValidationSeries() throws {
        let sample = SampleRun()
        let noValidation = sample.history.map {
            HistoryRow(epoch: $0.epoch, loss: $0.loss, accuracy: $0.accuracy, valLoss: .nan, valAccuracy: .nan,
                       lr: $0.lr, seconds: $0.seconds)
        }
        let without = RunCharts.render(title: "t", history: noValidation, report: sample.report, confusion: sample.confusion)
        let with = RunCharts.render(title: "t", history: sample.history, report: sample.report, confusion: sample.confusion)
        #expect(!without["loss.svg"]!.contains("validation loss"))
        #expect(!without["accuracy.svg"]!.contains("validation accuracy"))
        #expect(without["loss.svg"]!.contains(">training loss<"))
        #expect(with["loss.svg"]!.contains("validation loss"))
        #expect(with["accuracy.svg"]!.contains(">validation accuracy<"))
    }

    @Test func runJSONIsPrettySortedAndMarkedCompleteByCommit() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        let text = try String(contentsOf: folder.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(text == """
            {
              "complete" : true,
              "dataset_fingerprint" : "sha256:abc123",
              "experiment" : "cnn_small",
              "finished" : "2025-11-24T16:00:09Z",
              "git_commit" : "0123abcd",
              "host" : "lab-1",
              "numerics" : {
                "blas_library" : "OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell",
                "blas_mode" : "pinned",
                "blas_threads" : 1,
                "machine_specific" : false,
                "split_parts" : 2
              },
              "openblas_core" : "Haswell",
              "parameters" : 12345,
              "seed" : 42,
              "soundlab_version" : "0.1.0",
              "started" : "2025-11-24T16:00:00Z",
              "timings" : {
                "evaluate" : 0.5,
                "features" : 1.25,
                "train" : 6.875
              }
            }

            """)
    }

    @Test func unknownProvenanceIsWrittenAsNullNotOmitted() throws {
        var p = SampleRun().provenance
        p.gitCommit = nil
        p.openblasCore = nil
        p.numerics = nil
        let json = try p.json()
        #expect(json.contains(#""git_commit" : null"#))
        #expect(json.contains(#""openblas_core" : null"#))
        #expect(json.contains(#""numerics" : null"#))
        #expect(try RunProvenance.parse(json: json, path: "run.json") == p)
    }

    @Test func interruptedWriteIsNotListedAndPreviousRunIsIntact() throws {
        let scratch = try ScratchDirectory()
        try SampleRun().commit(into: scratch.url)
        // A second attempt at the same run dies after writing everything but before commit.
        var rerun = SampleRun()
        rerun.accuracy = 0.99
        let interrupted = try RunWriter(runsDirectory: scratch.url, name: "cnn_small")
        try rerun.writeAll(interrupted)
        // And a brand-new run dies half-way.
        let other = try RunWriter(runsDirectory: scratch.url, name: "mlp")
        try other.writeConfig("model: mlp\n")

        let store = RunStore(root: scratch.url)
        #expect(try store.runNames() == ["cnn_small"])
        let run = try store.load("cnn_small")
        #expect(run.headline.accuracy == 0.8)
        #expect(FileManager.default.fileExists(atPath: interrupted.temporaryFolder.path))
        #expect(interrupted.temporaryFolder.lastPathComponent.hasPrefix(".tmp-cnn_small-"))

        interrupted.abandon()
        other.abandon()
        #expect(try scratch.entries() == ["cnn_small"])
    }

    @Test func folderWithIncompleteOrMissingRunJSONIsNotARun() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        // Copy the finished run, then mark the copy incomplete; a second copy loses run.json.
        let fm = FileManager.default
        let halfDone = scratch.url.appendingPathComponent("half_done")
        let noMarker = scratch.url.appendingPathComponent("no_marker")
        try fm.copyItem(at: folder, to: halfDone)
        try fm.copyItem(at: folder, to: noMarker)
        let runJSON = halfDone.appendingPathComponent("run.json")
        let text = try String(contentsOf: runJSON, encoding: .utf8)
        try text.replacingOccurrences(of: #""complete" : true"#, with: #""complete" : false"#)
            .write(to: runJSON, atomically: true, encoding: .utf8)
        try fm.removeItem(at: noMarker.appendingPathComponent("run.json"))

        let store = RunStore(root: scratch.url)
        #expect(try store.runNames() == ["cnn_small"])
        #expect(throws: RunStoreError.unfinishedRun(path: halfDone.path)) { try store.load("half_done") }
        #expect(throws: RunStoreError.unfinishedRun(path: noMarker.path)) { try store.load("no_marker") }
    }

    @Test func commitReplacesAFinishedRunAndLeavesNothingBehind() throws {
        let scratch = try ScratchDirectory()
        try SampleRun().commit(into: scratch.url)
        var second = SampleRun()
        second.accuracy = 0.9
        second.config = "model:\n  kind: cnn\n  filters: 32\n"
        second.labels = ["Bird", "Cat", "Dog, large"]
        try second.commit(into: scratch.url)

        let run = try RunStore(root: scratch.url).load("cnn_small")
        #expect(run.headline.accuracy == 0.9)
        #expect(run.config == second.config)
        // The replaced run is kept, never deleted by accident; nothing else is left beside the new one.
        #expect(try scratch.entries() == [".previous", "cnn_small"])
        let kept = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent(".previous/cnn_small").path)
        #expect(kept.count == 1)
        #expect(try Run.load(folder: scratch.url.appendingPathComponent(".previous/cnn_small/\(kept[0])")).headline.accuracy == 0.8)
    }

    @Test func commitBeforeEveryFileIsWrittenFailsAndPublishesNothing() throws {
        let scratch = try ScratchDirectory()
        let writer = try RunWriter(runsDirectory: scratch.url, name: "partial")
        try writer.writeConfig("a: 1\n")
        try writer.writeLabels(["x"])
        #expect(throws: RunStoreError.incomplete(
            path: writer.temporaryFolder.path,
            missing: ["weights.safetensors", "metrics/history.csv", "metrics/classification_report.csv",
                      "metrics/confusion_matrix.csv", "metrics/summary.csv"])) {
            try writer.commit(provenance: SampleRun().provenance)
        }
        #expect(try RunStore(root: scratch.url).runNames().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("partial").path))
    }

    @Test(arguments: ["", ".hidden", "a/b"])
    func namesThatCannotBeRunFoldersAreRefused(name: String) throws {
        let scratch = try ScratchDirectory()
        #expect(throws: RunStoreError.invalidName(name)) {
            _ = try RunWriter(runsDirectory: scratch.url, name: name)
        }
    }

    @Test func missingRunAndMissingRunsDirectoryNameThePath() throws {
        let scratch = try ScratchDirectory()
        let store = RunStore(root: scratch.url)
        let missing = scratch.url.appendingPathComponent("nope")
        #expect(throws: RunStoreError.missingRun(path: missing.path)) { try store.load("nope") }
        #expect(throws: RunStoreError.missingRunsDirectory(path: missing.path)) {
            try RunStore(root: missing).runNames()
        }
        #expect(RunStoreError.missingRun(path: "/x/nope").description == "/x/nope: no such run folder")
    }

    @Test func malformedMetricsFileIsReportedWithItsPathAndReason() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        let history = folder.appendingPathComponent("metrics/history.csv")
        try "epoch,loss\n1,0.5\n".write(to: history, atomically: true, encoding: .utf8)
        #expect(throws: RunStoreError.malformed(
            path: history.path,
            reason: "header is 'epoch,loss', expected 'epoch,loss,accuracy,val_loss,val_accuracy,val_macro_f1,lr,seconds'")) {
            try RunStore(root: scratch.url).load("cnn_small")
        }
    }
}

@Suite struct RunWriterRecoveryTests {
    @Test func runMovedAsideByACrashedCommitIsRestoredByTheNextWriter() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        // The crash: the old run was renamed aside, the new one never renamed in.
        let aside = scratch.url.appendingPathComponent(".old-cnn_small-0123abcd")
        try FileManager.default.moveItem(at: folder, to: aside)
        #expect(try RunStore(root: scratch.url).runNames().isEmpty)

        let writer = try RunWriter(runsDirectory: scratch.url, name: "cnn_small")
        #expect(try RunStore(root: scratch.url).runNames() == ["cnn_small"])
        #expect(try RunStore(root: scratch.url).load("cnn_small").headline.accuracy == 0.8)
        writer.abandon()
        #expect(try scratch.entries() == ["cnn_small"])
    }

    @Test func chartsOfALoadedRunCanBeRedrawn() throws {
        let scratch = try ScratchDirectory()
        let folder = try SampleRun().commit(into: scratch.url)
        let loss = folder.appendingPathComponent("charts/loss.svg")
        let original = try String(contentsOf: loss, encoding: .utf8)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("charts"))
        try RunCharts.write(for: try RunStore(root: scratch.url).load("cnn_small"))
        // Same numbers read back from CSV give the same bytes as the in-memory ones at commit.
        #expect(try String(contentsOf: loss, encoding: .utf8) == original)
    }
}

@Suite struct RunWriterConsistencyTests {
    @Test func commitRefusesFilesThatNameDifferentClasses() throws {
        let scratch = try ScratchDirectory()
        var sample = SampleRun()
        sample.labels = ["Bird", "Dog, large", "Cat"]  // order differs from report and confusion
        let writer = try RunWriter(runsDirectory: scratch.url, name: "mixed")
        try sample.writeAll(writer)
        #expect(throws: RunStoreError.malformed(
            path: writer.temporaryFolder.path,
            reason: "labels.json, classification_report.csv and confusion_matrix.csv name different classes")) {
            try writer.commit(provenance: sample.provenance)
        }
        #expect(try RunStore(root: scratch.url).runNames().isEmpty)
    }
}

/// A run's charts are a function of its files: values with more digits than the CSVs keep (a loss of 0.19405,
/// seconds of 116.19) are drawn as written, so redrawing a committed run (`soundlab charts`) changes no byte.
@Test func chartsDrawnAtCommitEqualARedrawFromTheFiles() throws {
    let scratch = try ScratchDirectory()
    var sample = SampleRun()
    sample.history = sample.history.map { var r = $0; r.loss += 0.0000123456; r.valLoss += 0.0000987654; r.seconds = 116.1949; return r }
    sample.report.classes[0].f1 = 0.66666666666
    let writer = try RunWriter(runsDirectory: scratch.url, name: sample.name)
    try sample.writeAll(writer)
    try writer.writeCalibration([CalibrationBin(set: "test", lower: 0, upper: 0.5, count: 3, confidence: 0.41234567, accuracy: 0.3333333)])
    let folder = try writer.commit(provenance: sample.provenance)
    let charts = folder.appendingPathComponent("charts")
    let files = try FileManager.default.contentsOfDirectory(atPath: charts.path).sorted()
    let before = try files.map { try Data(contentsOf: charts.appendingPathComponent($0)) }
    try RunCharts.write(for: try Run.load(folder: folder))
    #expect(try files.map { try Data(contentsOf: charts.appendingPathComponent($0)) } == before)
    #expect(files.contains("reliability.svg"))
}
