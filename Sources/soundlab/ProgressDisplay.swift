import Experiment
import Foundation

/// Training progress on stderr: a live bar on a terminal, one plain line per epoch otherwise (logs, CI).
final class ProgressDisplay {
    private let live = isatty(STDERR_FILENO) != 0
    private var epochStart = Date()
    private var lineOpen = false

    func show(_ event: ExperimentRunner.Event) {
        switch event {
        case .phase(let name):
            close()
            write("\(name)…\n")
        case .note(let text):
            close()
            write("note: \(text)\n")
        case .training(.resumed(let epochs)):
            write("resumed after epoch \(epochs)\n")
        case .training(.batch(let epoch, let batch, let of, let loss, let accuracy)):
            if batch == 1 { epochStart = Date() }
            guard live else { return }
            let width = 24, done = width * batch / of
            let elapsed = Date().timeIntervalSince(epochStart)
            let eta = elapsed / Double(batch) * Double(of - batch)
            write(String(format: "\r\u{1B}[2Kepoch %3d [%@%@] %d/%d loss %.4f acc %.4f eta %.1fs", epoch,
                         String(repeating: "=", count: done), String(repeating: " ", count: width - done),
                         batch, of, loss, accuracy, eta))
            lineOpen = true
        case .training(.epoch(let r, let best)):
            close()
            var line = String(format: "epoch %3d  loss %.4f  acc %.4f", r.epoch, r.loss, r.accuracy)
            if !r.valLoss.isNaN {
                line += String(format: "  val_loss %.4f  val_acc %.4f  val_f1 %.4f", r.valLoss, r.valAccuracy, r.valMacroF1)
            }
            line += String(format: "  lr %.2g  %.2fs%@\n", r.lr, r.seconds, best ? "  *" : "")
            write(line)
        case .training(.stoppedEarly(let best)):
            write("restored the weights of epoch \(best) (best on validation)\n")
        }
    }

    func finish() { close() }

    private func close() {
        if lineOpen { write("\n"); lineOpen = false }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
