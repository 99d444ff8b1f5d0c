import Foundation

/// Ctrl-C handling: the first SIGINT (or SIGTERM, what `kill` and job schedulers send) asks the trainer to stop at
/// the next batch boundary (the last finished epoch's checkpoint is already on disk); a second one exits at once.
public enum Interrupt {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    /// True once SIGINT or SIGTERM has been received.
    public static var requested: Bool { flag != 0 }

    /// Installs the handler for SIGINT and SIGTERM (idempotent) and unblocks both in the calling thread.
    public static func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig) { _ in
                if Interrupt.flag != 0 { _exit(130) }
                Interrupt.flag = 1
            }
        }
        // A blocked signal mask survives exec: started from a thread that blocks SIGINT (test runners, some
        // launchers), Ctrl-C would stay pending forever and the run would never stop.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// Thrown by the trainer when it stopped on Ctrl-C.
public struct TrainingInterrupted: Error, CustomStringConvertible {
    /// Epochs completed and checkpointed before the interruption (what `--resume` continues from).
    public let completedEpochs: Int
    /// The cross-validation fold that was training (its models have no checkpoints), or nil for the run's training.
    public var during: String?

    /// Stopped after `completedEpochs` of the run's training, or `during` a cross-validation fold.
    public init(completedEpochs: Int, during: String? = nil) {
        self.completedEpochs = completedEpochs
        self.during = during
    }

    /// One line for the user.
    public var description: String {
        if let during {
            return "interrupted in \(during); run again with --resume to keep the finished training and redo the cross-validation"
        }
        return "interrupted after \(completedEpochs) complete epoch(s); run again with --resume to continue"
    }
}
