import Foundation

/// The two batch scripts of a Slurm sweep: `array.sbatch`, one array task per run (task i runs the i-th of
/// `tasks`), and `summary.sbatch`, submitted to run after every task succeeded, writing the sweep's table and charts.
public struct SlurmScript: Sendable {
    /// Resources per array task, and how many tasks may run at once (`%K`).
    public struct Resources: Sendable, Equatable {
        public var partition: String?
        public var cpusPerTask: Int
        public var memory: String
        public var time: String
        public var throttle: Int

        public init(partition: String? = nil, cpusPerTask: Int = 2, memory: String = "4G", time: String = "02:00:00", throttle: Int = 8) {
            self.partition = partition
            self.cpusPerTask = cpusPerTask
            self.memory = memory
            self.time = time
            self.throttle = throttle
        }
    }

    public var id: String
    public var tasks: [SweepRun]
    public var child: SweepChild
    public var resources: Resources
    /// The folder the tasks start in (relative paths in the commands are relative to it).
    public var workingDirectory: String
    public var folder: SweepFolder

    public init(id: String, tasks: [SweepRun], child: SweepChild, resources: Resources, workingDirectory: String, folder: SweepFolder) {
        self.id = id
        self.tasks = tasks
        self.child = child
        self.resources = resources
        self.workingDirectory = workingDirectory
        self.folder = folder
    }

    /// `--array=0-<n-1>%K`, or the listed indices (a retry).
    public static func arraySpec(_ indices: [Int], throttle: Int) -> String {
        let sorted = indices.sorted()
        let contiguous = sorted == Array((sorted.first ?? 0)...(sorted.last ?? 0))
        let list = contiguous && sorted.count > 1 ? "\(sorted[0])-\(sorted.last!)" : sorted.map(String.init).joined(separator: ",")
        return "\(list)%\(throttle)"
    }

    private func header(job: String, output: String, cpus: Int, memory: String) -> [String] {
        ["#!/bin/bash",
         "#SBATCH --job-name=\(job)"]
            + (resources.partition.map { ["#SBATCH --partition=\($0)"] } ?? [])
            + ["#SBATCH --cpus-per-task=\(cpus)",
               "#SBATCH --mem=\(memory)",
               "#SBATCH --time=\(resources.time)",
               "#SBATCH --chdir=\(workingDirectory)",
               "#SBATCH --output=\(output)"]
    }

    /// The array job's script.
    public var array: String {
        var lines = header(job: "soundlab-\(id)", output: folder.logs.appendingPathComponent("slurm-%A_%a.out").path,
                           cpus: resources.cpusPerTask, memory: resources.memory)
        lines.insert("#SBATCH --array=\(Self.arraySpec(Array(tasks.indices), throttle: resources.throttle))", at: 2)
        lines += ["# soundlab sweep \(id): one task per run; each writes its output to \(folder.logs.path)/<run>.log.",
                  "# Run folders appear by rename once complete, so a failed or cancelled task leaves none behind.",
                  "set -u",
                  "case \"$SLURM_ARRAY_TASK_ID\" in"]
        for (i, run) in tasks.enumerated() {
            lines.append("  \(i)) run=\(Self.quote(run.name)); set -- \(([child.binary] + run.arguments(child)).map(Self.quote).joined(separator: " ")) ;;")
        }
        lines += ["  *) echo \"no task $SLURM_ARRAY_TASK_ID in sweep \(id)\" >&2; exit 2 ;;",
                  "esac",
                  "exec \"$@\" >\(Self.quote(folder.logs.path))/\"$run.log\" 2>&1",
                  ""]
        return lines.joined(separator: "\n")
    }

    /// The summary job's script: `soundlab table --sweep`, which prints the sweep table (keys as columns) into
    /// summary.md and draws the sweep charts and the comparison charts of the sweep's runs.
    public var summary: String {
        var lines = header(job: "soundlab-\(id)-summary", output: folder.logs.appendingPathComponent("summary.log").path,
                           cpus: 1, memory: "1G")
        let bin = Self.quote(child.binary), runs = Self.quote(child.runsDirectory)
        lines += ["set -eu",
                  "\(bin) table \(runs) --sweep \(Self.quote(id)) --charts \(Self.quote(folder.charts.path)) > \(Self.quote(folder.summary.path))",
                  ""]
        return lines.joined(separator: "\n")
    }

    /// Single-quoted for bash when it holds anything but plain path characters.
    static func quote(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+%@".contains($0) }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
