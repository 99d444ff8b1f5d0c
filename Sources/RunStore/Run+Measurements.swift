import Foundation

extension Run {
    /// Rewrites `metrics/robustness.csv`, `metrics/calibration.csv` and the charts of a finished run from this
    /// value, each file atomically: how results scored after training (`soundlab evaluate`) join the run.
    public func writeMeasurements() throws {
        if !robustness.isEmpty {
            try RunFile.write(try RobustnessRow.csv(robustness), to: folder.appendingPathComponent(RunLayout.robustness))
        }
        if !calibration.isEmpty {
            try RunFile.write(try CalibrationBin.csv(calibration), to: folder.appendingPathComponent(RunLayout.calibration))
        }
        try RunCharts.write(for: self)
    }
}
