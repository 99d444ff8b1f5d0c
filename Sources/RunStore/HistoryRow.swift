import Foundation

/// One epoch of training, a line of `metrics/history.csv`.
public struct HistoryRow: Sendable, Equatable {
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
    /// Learning rate used in the epoch.
    public var lr: Double
    /// Wall-clock seconds of the epoch.
    public var seconds: Double

    /// A history row.
    public init(epoch: Int, loss: Double, accuracy: Double, valLoss: Double, valAccuracy: Double, lr: Double,
                seconds: Double) {
        self.epoch = epoch
        self.loss = loss
        self.accuracy = accuracy
        self.valLoss = valLoss
        self.valAccuracy = valAccuracy
        self.lr = lr
        self.seconds = seconds
    }

    static let header = ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"]

    var fields: [String] {
        [String(epoch), MetricFormat.fixed(loss), MetricFormat.fixed(accuracy), MetricFormat.fixed(valLoss),
         MetricFormat.fixed(valAccuracy), MetricFormat.significant(lr), MetricFormat.fixed(seconds)]
    }

    init(fields f: [String], path: String) throws {
        let h = HistoryRow.header
        func n(_ i: Int) throws -> Double { try CSVTable.number(f[i], column: h[i], path: path) }
        self.init(epoch: try CSVTable.integer(f[0], column: h[0], path: path), loss: try n(1), accuracy: try n(2),
                  valLoss: try n(3), valAccuracy: try n(4), lr: try n(5), seconds: try n(6))
    }

    /// `metrics/history.csv` for these rows.
    public static func csv(_ rows: [HistoryRow]) throws -> String {
        try CSVTable(header: header, rows: rows.map(\.fields)).text()
    }

    /// Reads `metrics/history.csv` text; `path` names the file in errors.
    public static func parse(csv text: String, path: String) throws -> [HistoryRow] {
        let table = try CSVTable.parse(text, path: path)
        try table.require(header: header, path: path)
        return try table.rows.map { try HistoryRow(fields: $0, path: path) }
    }
}
