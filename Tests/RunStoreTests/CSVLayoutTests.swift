import Foundation
import RunStore
import Testing

/// The metrics files are read by people, pandas and `git diff`; their exact text is pinned here.
@Suite struct CSVLayoutTests {
    let sample = SampleRun()

    @Test func historyLayout() throws {
        let text = try HistoryRow.csv(sample.history)
        #expect(text == """
            epoch,loss,accuracy,val_loss,val_accuracy,val_macro_f1,lr,seconds
            1,1.250000,0.400000,1.100000,0.500000,0.450000,0.001,2.500000
            2,0.750000,0.650000,0.900000,0.600000,0.550000,0.0005,2.250000
            3,0.500000,0.800000,nan,nan,nan,1e-05,2.125000

            """)
        #expect(sameHistory(try HistoryRow.parse(csv: text, path: "h.csv"), sample.history))
    }

    @Test func historyWithoutValMacroF1ColumnStillReadsWithNaN() throws {
        let legacy = """
            epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds
            1,1.250000,0.400000,1.100000,0.500000,0.001,2.500000

            """
        let rows = try HistoryRow.parse(csv: legacy, path: "old.csv")
        #expect(rows.count == 1)
        #expect(rows[0].valAccuracy == 0.5 && rows[0].lr == 0.001 && rows[0].seconds == 2.5)
        #expect(rows[0].valMacroF1.isNaN)
        #expect(throws: RunStoreError.self) {
            try HistoryRow.parse(csv: "epoch,loss,accuracy,val_loss,val_macro_f1,lr,seconds\n", path: "bad.csv")
        }
    }

    @Test func classificationReportLayoutFollowsScikitLearn() throws {
        let text = try sample.report.csv()
        #expect(text == """
            class,precision,recall,f1-score,support
            Bird,0.750000,0.600000,0.666667,5
            Cat,1.000000,0.800000,0.888889,5
            "Dog, large",0.500000,1.000000,0.666667,2
            accuracy,,,0.750000,12
            macro avg,0.750000,0.800000,0.740741,12
            weighted avg,0.812500,0.750000,0.759260,12

            """)
        #expect(try ClassificationReport.parse(csv: text, path: "r.csv") == sample.report)
    }

    @Test func averagesAreComputedLikeScikitLearn() {
        let r = ClassificationReport(classes: sample.report.classes, accuracy: 0.75)
        #expect(abs(r.macroAvg.precision - 0.75) < 1e-12)               // (0.75 + 1 + 0.5) / 3
        #expect(abs(r.macroAvg.recall - 0.8) < 1e-12)                   // (0.6 + 0.8 + 1) / 3
        #expect(abs(r.weightedAvg.precision - 9.75 / 12) < 1e-12)       // (0.75·5 + 1·5 + 0.5·2) / 12
        #expect(abs(r.weightedAvg.recall - 0.75) < 1e-12)               // (3 + 4 + 2) / 12
        #expect(abs(r.weightedAvg.f1 - 9.111114 / 12) < 1e-12)
        #expect(r.macroAvg.support == 12)
        #expect(r.weightedAvg.name == "weighted avg")
    }

    @Test func confusionMatrixLayout() throws {
        let text = try sample.confusion.csv()
        #expect(text == """
            true\\predicted,Bird,Cat,"Dog, large"
            Bird,3,0,2
            Cat,1,4,0
            "Dog, large",0,0,2

            """)
        #expect(try ConfusionMatrix.parse(csv: text, path: "c.csv") == sample.confusion)
    }

    @Test func summaryLayoutWithOneSet() throws {
        let text = try SummaryRow.csv(sample.summary)
        #expect(text == """
            experiment,accuracy,macro_f1,weighted_f1,macro_precision,macro_recall,parameters,train_seconds,epochs_run,seed,ece,out_of_set
            cnn_small,0.800000,0.740741,0.759259,0.750000,0.800000,12345,6.875000,3,42,,

            """)
        #expect(try SummaryRow.parse(csv: text, path: "s.csv") == sample.summary)
        var measured = sample.summary
        measured[0].ece = 0.125
        measured[0].outOfSet = 0.25
        let withCalibration = try SummaryRow.csv(measured)
        #expect(withCalibration.hasSuffix(",42,0.125000,0.250000\n"))
        #expect(try SummaryRow.parse(csv: withCalibration, path: "s.csv") == measured)
    }

    /// Runs written before calibration was measured have no `ece` and `out_of_set` columns: still read.
    @Test func summaryWithoutTheLaterColumnsIsRead() throws {
        let old = """
            experiment,accuracy,macro_f1,weighted_f1,macro_precision,macro_recall,parameters,train_seconds,epochs_run,seed
            cnn_small,0.800000,0.740741,0.759259,0.750000,0.800000,12345,6.875000,3,42

            """
        #expect(try SummaryRow.parse(csv: old, path: "s.csv") == sample.summary)
    }

    @Test func summaryLayoutWithSeveralSetsHasASetColumn() throws {
        var two = sample
        two.sets = ["validation", "test"]
        let text = try SummaryRow.csv(two.summary)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "experiment,set,accuracy,macro_f1,weighted_f1,macro_precision,macro_recall,parameters,train_seconds,epochs_run,seed,ece,out_of_set")
        #expect(lines[2] == "cnn_small,test,0.800000,0.740741,0.759259,0.750000,0.800000,12345,6.875000,3,42,,")
        #expect(try SummaryRow.parse(csv: text, path: "s.csv") == two.summary)
    }

    @Test func splitLayoutRoundTripsAndQuotesCommas() throws {
        let rows = [SplitRow(file: "Training/Cat/cat_1.wav", label: "Cat", subset: "train"),
                    SplitRow(file: "Training/Big, cat/x.wav", label: "Big, cat", subset: "validation"),
                    SplitRow(file: "Test/Cat/cat_9.wav", label: "Cat", subset: "test")]
        let text = try SplitRow.csv(rows)
        #expect(text.hasPrefix("file,class,subset\nTraining/Cat/cat_1.wav,Cat,train\n\"Training/Big, cat/x.wav\",\"Big, cat\",validation\n"))
        #expect(try SplitRow.parse(text, path: "split.csv") == rows)
        #expect(throws: RunStoreError.self) { try SplitRow.parse("path,label\nx,y\n", path: "split.csv") }
    }

    @Test func labelsJSONKeysAreIndicesInNumericOrder() throws {
        let names = (0..<11).map { "c\($0)" } + ["quote \" and / slash"]
        let json = try ClassLabels.json(names)
        #expect(json.hasPrefix("{\n  \"0\": \"c0\",\n  \"1\": \"c1\",\n  \"2\": \"c2\","))
        #expect(json.hasSuffix("  \"10\": \"c10\",\n  \"11\": \"quote \\\" and / slash\"\n}\n"))
        #expect(try ClassLabels.parse(json: json, path: "labels.json") == names)
        #expect(throws: RunStoreError.malformed(path: "labels.json", reason: "indices must run 0..<2, '1' is missing")) {
            try ClassLabels.parse(json: #"{"0": "a", "2": "b"}"#, path: "labels.json")
        }
    }

    /// Fold rows, then the mean and the sample (n − 1) standard deviation with empty clip counts.
    @Test func crossValidationLayoutEndsWithMeanAndSampleSD() throws {
        let folds = [(0.75, 0.5, 0.6, 0.1), (0.5, 0.25, 0.4, 0.3), (1.0, 1.0, 1.0, 0.05)].enumerated().map { f, m in
            CrossValidationRow(fold: .number(f + 1), trainClips: 8, heldOutClips: 4, accuracy: m.0, macroF1: m.1,
                               weightedF1: m.2, ece: m.3)
        }
        let text = try CrossValidationRow.csv(CrossValidationRow.summarized(folds))
        #expect(text == """
            fold,train_clips,held_out_clips,accuracy,macro_f1,weighted_f1,ece
            1,8,4,0.750000,0.500000,0.600000,0.100000
            2,8,4,0.500000,0.250000,0.400000,0.300000
            3,8,4,1.000000,1.000000,1.000000,0.050000
            mean,,,0.750000,0.583333,0.666667,0.150000
            sd,,,0.250000,0.381881,0.305505,0.132288

            """)
        let parsed = try CrossValidationRow.parse(csv: text, path: "cv.csv")
        #expect(Array(parsed.prefix(3)) == folds)
        #expect(parsed.map(\.fold) == [.number(1), .number(2), .number(3), .mean, .sd])
        #expect(parsed[3].trainClips == nil && parsed[4].heldOutClips == nil)
        #expect(throws: RunStoreError.malformed(path: "cv.csv", reason: "'median' in column fold is not a fold number, mean or sd")) {
            try CrossValidationRow.parse(csv: "fold,train_clips,held_out_clips,accuracy,macro_f1,weighted_f1,ece\nmedian,,,0,0,0,0\n",
                                         path: "cv.csv")
        }
    }

    @Test func numberFormatsAreFixedAndRoundTrip() {
        #expect(MetricFormat.fixed(0.9123456789) == "0.912346")
        #expect(MetricFormat.fixed(-0.0000001) == "0.000000")
        #expect(MetricFormat.fixed(.nan) == "nan")
        #expect(MetricFormat.fixed(-.infinity) == "-inf")
        #expect(MetricFormat.significant(0.000123456789) == "0.000123457")
        #expect(MetricFormat.significant(3e-7) == "3e-07")
        #expect(MetricFormat.parse("nan")!.isNaN)
        #expect(MetricFormat.parse("3e-07") == 3e-7)
        #expect(MetricFormat.parse("x") == nil)
    }
}
