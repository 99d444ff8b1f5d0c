import Experiment
import Testing

/// Where `predict` cuts a clip: a window every hop while a whole one fits, and a clip no longer than one window (or
/// shorter than two with the default hop) is the single window evaluation reads.
@Suite struct PredictionWindowsTests {
    @Test func defaultWindowsLeaveClipsUpToTwiceTheInputWhole() {
        let model = PredictionWindows(length: 500, hop: 500, secondsPerUnit: 0.032)
        #expect(model.starts(units: 1) == [0])
        #expect(model.starts(units: 500) == [0])
        #expect(model.starts(units: 516) == [0])      // a 16.5 s test clip: evaluation's truncated input
        #expect(model.starts(units: 999) == [0])
        #expect(model.starts(units: 1_000) == [0, 500])
        #expect(model.starts(units: 1_281) == [0, 500])  // 41 s: the last 9 s are shorter than a hop
    }

    @Test func overlappingWindowsStartEveryHopWhileAWholeOneFits() {
        let w = PredictionWindows(length: 32, hop: 16, secondsPerUnit: 0.016)
        #expect(w.starts(units: 141) == [0, 16, 32, 48, 64, 80, 96])
        #expect(w.starts(units: 47) == [0])
        #expect(w.starts(units: 48) == [0, 16])
    }
}
