import Foundation

/// One epoch of training: what the trainer reports and checkpoints, and a line of `metrics/history.csv`.
public struct HistoryRow: Sendable, Equatable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss over the epoch.
    public var loss: Double
    /// Training accuracy over the epoch.
    public var accuracy: Double
    /// Validation loss (NaN when there is no validation set).
    public var valLoss: Double
    /// Validation accuracy (NaN when there is no validation set).
    public var valAccuracy: Double
    /// Validation macro F1 (NaN when there is no validation set, or in a file written before the column existed).
    public var valMacroF1: Double
    /// Learning rate used in the epoch.
    public var lr: Double
    /// Wall-clock seconds of the epoch.
    public var seconds: Double
    /// The training stage the epoch belongs to (`stages:`), nil in a single-stage run.
    public var stage: String?

    /// A history row.
    public init(epoch: Int, loss: Double, accuracy: Double, valLoss: Double, valAccuracy: Double,
                valMacroF1: Double = .nan, lr: Double, seconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.accuracy = accuracy
        self.valLoss = valLoss
        self.valAccuracy = valAccuracy
        self.valMacroF1 = valMacroF1
        self.lr = lr
        self.seconds = seconds
    }

    static let header = ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "val_macro_f1", "lr", "seconds"]
    /// The layout before `val_macro_f1`; still read so older run folders load (the column reads as NaN).
    static let legacyHeader = header.filter { $0 != "val_macro_f1" }

    var fields: [String] {
        [String(epoch), MetricFormat.fixed(loss), MetricFormat.fixed(accuracy), MetricFormat.fixed(valLoss),
         MetricFormat.fixed(valAccuracy), MetricFormat.fixed(valMacroF1), MetricFormat.significant(lr),
         MetricFormat.fixed(seconds)]
    }

    /// The layout of a staged run: a last column naming each epoch's stage.
    static let stagedHeader = header + ["stage"]

    init(fields f: [String], header h: [String], path: String) throws {
        func n(_ column: String) throws -> Double {
            guard let i = h.firstIndex(of: column) else { return .nan }
            return try CSVTable.number(f[i], column: column, path: path)
        }
        self.init(epoch: try CSVTable.integer(f[0], column: h[0], path: path), loss: try n("loss"),
                  accuracy: try n("accuracy"), valLoss: try n("val_loss"), valAccuracy: try n("val_accuracy"),
                  valMacroF1: try n("val_macro_f1"), lr: try n("lr"), seconds: try n("seconds"))
        if let i = h.firstIndex(of: "stage"), i < f.count { stage = f[i] }
    }

    /// The value, nil when it is NaN (no validation set).
    public static func present(_ v: Double) -> Double? { v.isNaN ? nil : v }

    enum CodingKeys: String, CodingKey { case epoch, loss, accuracy, valLoss, valAccuracy, valMacroF1, lr, seconds, stage }

    /// Checkpoints store the validation values only when there are some (JSON has no NaN).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(loss, forKey: .loss)
        try c.encode(accuracy, forKey: .accuracy)
        try c.encodeIfPresent(Self.present(valLoss), forKey: .valLoss)
        try c.encodeIfPresent(Self.present(valAccuracy), forKey: .valAccuracy)
        try c.encodeIfPresent(Self.present(valMacroF1), forKey: .valMacroF1)
        try c.encode(lr, forKey: .lr)
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(stage, forKey: .stage)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(epoch: try c.decode(Int.self, forKey: .epoch), loss: try c.decode(Double.self, forKey: .loss),
                  accuracy: try c.decode(Double.self, forKey: .accuracy),
                  valLoss: try c.decodeIfPresent(Double.self, forKey: .valLoss) ?? .nan,
                  valAccuracy: try c.decodeIfPresent(Double.self, forKey: .valAccuracy) ?? .nan,
                  valMacroF1: try c.decodeIfPresent(Double.self, forKey: .valMacroF1) ?? .nan,
                  lr: try c.decode(Double.self, forKey: .lr), seconds: try c.decode(Double.self, forKey: .seconds))
        stage = try c.decodeIfPresent(String.self, forKey: .stage)
    }

    /// `metrics/history.csv` for these rows; a staged run's gets a last column naming each epoch's stage.
    public static func csv(_ rows: [HistoryRow]) throws -> String {
        guard rows.contains(where: { $0.stage != nil }) else { return try CSVTable(header: header, rows: rows.map(\.fields)).text() }
        return try CSVTable(header: stagedHeader, rows: rows.map { $0.fields + [$0.stage ?? ""] }).text()
    }

    /// Reads `metrics/history.csv` text; `path` names the file in errors.
    public static func parse(csv text: String, path: String) throws -> [HistoryRow] {
        let table = try CSVTable.parse(text, path: path)
        if table.header != legacyHeader && table.header != stagedHeader { try table.require(header: header, path: path) }
        return try table.rows.map { try HistoryRow(fields: $0, header: table.header, path: path) }
    }
}
