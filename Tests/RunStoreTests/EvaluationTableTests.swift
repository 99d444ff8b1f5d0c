import Foundation
import RunStore
import Testing

@Suite struct EvaluationTableTests {
    /// Three runs: `mlp` once, `cnn_small` with two seeds (folders named per seed).
    func threeRuns(_ scratch: ScratchDirectory) throws -> RunStore {
        var mlp = SampleRun()
        mlp.name = "mlp"
        mlp.experiment = "mlp"
        mlp.accuracy = 0.6
        mlp.parameters = 999
        mlp.trainSeconds = 3.25
        try mlp.commit(into: scratch.url)
        var cnnA = SampleRun()
        cnnA.name = "cnn_small-seed1"
        cnnA.seed = 1
        cnnA.accuracy = 0.8
        try cnnA.commit(into: scratch.url)
        var cnnB = cnnA
        cnnB.name = "cnn_small-seed2"
        cnnB.seed = 2
        cnnB.accuracy = 0.9
        cnnB.trainSeconds = 7.875
        try cnnB.commit(into: scratch.url)
        return RunStore(root: scratch.url)
    }

    @Test func markdownHasOneRowPerExperimentSortedWithMeanAndSdOverSeeds() throws {
        let scratch = try ScratchDirectory()
        let table = EvaluationTable(runs: try threeRuns(scratch).loadAll())
        #expect(table.markdown() == """
            | Experiment | Test accuracy | Weighted F1 | Macro F1 | Parameters | Training seconds |
            |---|---:|---:|---:|---:|---:|
            | cnn_small (2 seeds) | 0.8500 ± 0.0707 | 0.7593 ± 0.0000 | 0.7407 ± 0.0000 | 12345 | 7.4 ± 0.7 |
            | mlp | 0.6000 | 0.7593 | 0.7407 | 999 | 3.2 |

            """)
        #expect(table.rows[0].seeds == [1, 2])
        #expect(abs(table.rows[0].accuracy.sd! - 0.1 / 2.0.squareRoot()) < 1e-12)
    }

    @Test func csvKeepsMeansAndSdsInSeparateColumns() throws {
        let scratch = try ScratchDirectory()
        let table = EvaluationTable(runs: try threeRuns(scratch).loadAll())
        #expect(try table.csv() == """
            experiment,runs,accuracy,accuracy_sd,weighted_f1,weighted_f1_sd,macro_f1,macro_f1_sd,parameters,train_seconds,train_seconds_sd
            cnn_small,2,0.850000,0.070711,0.759259,0.000000,0.740741,0.000000,12345,7.375000,0.707107
            mlp,1,0.600000,,0.759259,,0.740741,,999,3.250000,

            """)
    }

    @Test func writeEvaluationTablePutsBothFilesInTheRunsDirectory() throws {
        let scratch = try ScratchDirectory()
        let store = try threeRuns(scratch)
        let table = EvaluationTable(runs: try store.loadAll())
        try store.write(table)
        let md = try String(contentsOf: scratch.url.appendingPathComponent("evaluation.md"), encoding: .utf8)
        let csv = try String(contentsOf: scratch.url.appendingPathComponent("evaluation.csv"), encoding: .utf8)
        #expect(md == table.markdown())
        #expect(csv == (try table.csv()))
        // The table files are not runs.
        #expect(try store.runNames() == ["cnn_small-seed1", "cnn_small-seed2", "mlp"])
    }

    /// Sets scored later (`metrics/sets/<name>/`, as `soundlab evaluate` writes them) become macro-F1 columns with
    /// mean ± sd over the runs that have them, and a dash where an experiment has none; ECE appears once measured.
    @Test func otherSetsBecomeMacroF1ColumnsWithSpread() throws {
        let scratch = try ScratchDirectory()
        let store = try threeRuns(scratch)
        for (name, f1, ece) in [("cnn_small-seed1", 0.5, 0.1), ("cnn_small-seed2", 0.7, 0.2)] {
            let folder = scratch.url.appendingPathComponent(name)
            let run = try store.load(name)
            var row = run.headline
            row.set = "wind_5db"
            row.macroF1 = f1
            row.ece = ece
            try SetResults(name: "wind_5db", summary: row, report: run.report, confusion: run.confusion).write(into: folder)
        }
        let table = EvaluationTable(runs: try store.loadAll())
        #expect(table.setNames == ["wind_5db"])
        #expect(table.markdown() == """
            | Experiment | Test accuracy | Test macro-F1 | wind_5db macro-F1 | Parameters | Training seconds |
            |---|---:|---:|---:|---:|---:|
            | cnn_small (2 seeds) | 0.8500 ± 0.0707 | 0.7407 ± 0.0000 | 0.600 ± 0.141 | 12345 | 7.4 ± 0.7 |
            | mlp | 0.6000 | 0.7407 | — | 999 | 3.2 |

            """)
        #expect(try table.csv().split(separator: "\n")[1].hasSuffix(",0.600000,0.141421"))
    }

    /// Few-shot results (`metrics/few_shot.csv`) become one accuracy column per k, mean ± sd over the runs of their
    /// per-run means, and a dash for an experiment that measured none.
    @Test func fewShotResultsBecomeAnAccuracyColumnPerShots() throws {
        let scratch = try ScratchDirectory()
        let store = try threeRuns(scratch)
        for (name, one, five) in [("cnn_small-seed1", 0.5, 0.7), ("cnn_small-seed2", 0.6, 0.8)] {
            let rows = [FewShotRow(shots: 1, draws: 100, accuracy: one, accuracySD: 0.1, macroF1: 0.4, macroF1SD: 0.1),
                        FewShotRow(shots: 5, draws: 100, accuracy: five, accuracySD: 0.05, macroF1: 0.6, macroF1SD: 0.05)]
            try FewShotRow.csv(rows).write(to: scratch.url.appendingPathComponent(name).appendingPathComponent(RunLayout.fewShot),
                                           atomically: true, encoding: .utf8)
        }
        let table = EvaluationTable(runs: try store.loadAll())
        #expect(table.markdown() == """
            | Experiment | Test accuracy | Weighted F1 | Macro F1 | 1-shot accuracy | 5-shot accuracy | Parameters | Training seconds |
            |---|---:|---:|---:|---:|---:|---:|---:|
            | cnn_small (2 seeds) | 0.8500 ± 0.0707 | 0.7593 ± 0.0000 | 0.7407 ± 0.0000 | 0.550 ± 0.071 | 0.750 ± 0.071 | 12345 | 7.4 ± 0.7 |
            | mlp | 0.6000 | 0.7593 | 0.7407 | — | — | 999 | 3.2 |

            """)
        #expect(try table.csv().split(separator: "\n")[0].hasSuffix(",shot1_accuracy,shot1_accuracy_sd,shot5_accuracy,shot5_accuracy_sd"))
    }

    @Test func tableReadsTheTestSetWhenARunHasSeveral() throws {
        let scratch = try ScratchDirectory()
        var run = SampleRun()
        run.sets = ["validation", "test"]
        try run.commit(into: scratch.url)
        let loaded = try RunStore(root: scratch.url).load("cnn_small")
        #expect(loaded.headline.set == "test")
        #expect(loaded.summary.count == 2)
    }

    @Test func comparisonChartHasThreeBarsPerExperiment() throws {
        let scratch = try ScratchDirectory()
        let runs = try threeRuns(scratch).loadAll()
        let charts = scratch.url.appendingPathComponent("charts")
        #expect(try RunCharts.writeComparison(runs: runs, into: charts).filter { !$0.hasPrefix("confusion_") }
                == ["comparison.svg", "index.html", "per_class_f1.svg", "precision_per_class.svg", "recall_per_class.svg",
                    "training_accuracy.svg", "training_loss.svg"])
        let svg = try String(contentsOf: charts.appendingPathComponent("comparison.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: #"<rect class="bar""#).count - 1 == 6)
        #expect(svg.contains(">cnn_small (n="))
        #expect(svg.contains(">weighted F1</text>"))
    }
}

/// The comparison folder gets one robustness chart per noise type, a line per experiment.
@Test func robustnessComparisonDrawsAChartPerNoiseTypeWithALinePerExperiment() throws {
    let scratch = try ScratchDirectory()
    var runs: [Run] = []
    for (name, experiment) in [("a-seed1", "alpha"), ("a-seed2", "alpha"), ("b", "beta")] {
        var sample = SampleRun()
        sample.name = name
        sample.experiment = experiment
        try sample.commit(into: scratch.url)
        var run = try RunStore(root: scratch.url).load(name)
        run.robustness = [("wind", 5.0), ("wind", 0.0), ("rain", 5.0)].map {
            RobustnessRow(set: "curves", noise: $0.0, snrDB: $0.1, accuracy: 0.5, macroF1: 0.4, weightedF1: 0.5, ece: 0.1,
                          outOfSet: 0, clips: 10)
        }
        runs.append(run)
    }
    let charts = RunCharts.robustnessComparison(runs)
    #expect(charts.keys.sorted() == ["robustness_rain.svg", "robustness_wind.svg"])
    let wind = try #require(charts["robustness_wind.svg"])
    #expect(wind.contains(">alpha<") && wind.contains(">beta<") && wind.contains("wind noise: macro-F1 against SNR"))
}
