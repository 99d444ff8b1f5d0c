import Foundation

/// The file names of the run folder contract, relative to `runs/<experiment>/`.
public enum RunLayout {
    /// Resolved YAML config.
    public static let config = "config.yaml"
    /// Provenance with the completion marker.
    public static let provenance = "run.json"
    /// Class index → name.
    public static let labels = "labels.json"
    /// Model weights (safetensors bytes).
    public static let weights = "weights.safetensors"
    /// Per-epoch training history.
    public static let history = "metrics/history.csv"
    /// Per-class precision/recall/F1.
    public static let report = "metrics/classification_report.csv"
    /// Confusion matrix.
    public static let confusion = "metrics/confusion_matrix.csv"
    /// Every clip of the headline evaluation set: its class, the predicted class and each class's probability.
    public static let predictions = "metrics/predictions.csv"
    /// Headline metrics, one row per evaluation set.
    public static let summary = "metrics/summary.csv"
    /// Robustness curves: one row per (evaluation set, noise type, SNR).
    public static let robustness = "metrics/robustness.csv"
    /// Stratified k-fold cross-validation over the training clips: one row per fold, then their mean and sd.
    public static let crossValidation = "metrics/cross_validation.csv"
    public static let fewShot = "metrics/few_shot.csv"
    /// Reliability-diagram bins of every single-condition evaluation set.
    public static let calibration = "metrics/calibration.csv"
    /// Folder of per-set results (`<name>/summary.csv`, `classification_report.csv`, `confusion_matrix.csv`, and
    /// `predictions.csv` for every set but the headline one, whose clips are in `predictions`), written by a run for each of its sets and by `soundlab evaluate` for sets scored later.
    public static let sets = "metrics/sets"
    /// Every clip's role: train, validation or an evaluation set.
    public static let split = "split.csv"
    /// Folder of the run's SVG charts.
    public static let charts = "charts"

    /// Prefix of a run being written; such folders are never read as runs.
    static let tempPrefix = ".tmp-"
    /// Prefix of a finished run moved aside while its replacement is renamed in.
    static let oldPrefix = ".old-"
    /// Where a replaced run is kept: `runs/.previous/<name>/<UTC time>-<id>/` (the newest `previousKept` of a name).
    public static let previous = ".previous"
    static let previousKept = 3

    /// Names that can be folders directly under `runs/`.
    static func validate(name: String) throws {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else {
            throw RunStoreError.invalidName(name)
        }
    }
}
