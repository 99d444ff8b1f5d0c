import Foundation
import Testing

/// `--executor slurm` against a fake `sbatch`/`squeue`/`scancel` on PATH (shell scripts that record their
/// arguments and print job ids): the generated array.sbatch and summary.sbatch, text pinned; the submissions; a
/// follow that finds no run folder reports every task failed with its log and cancels the summary job; and
/// `--retry-failed` resubmits only the tasks still failed, by index, through the same script.
@Test func slurmExecutorWritesThePinnedArrayScriptAndResubmitsOnlyFailedTasks() throws {
    let scratch = try RunScratch()
    try scratch.write("tiny.yaml", tinyExperiment())
    let calls = scratch.url("slurm-calls.txt").path
    for (tool, body) in [("sbatch", #"echo "sbatch $*" >> "$FAKE_SLURM_LOG"; echo "$((4240 + $(grep -c '^sbatch' "$FAKE_SLURM_LOG")));fake""#),
                         ("squeue", #"echo "squeue $*" >> "$FAKE_SLURM_LOG""#),
                         ("scancel", #"echo "scancel $*" >> "$FAKE_SLURM_LOG""#)] {
        try scratch.write("fakebin/\(tool)", "#!/bin/bash\n\(body)\n")
        chmod(scratch.url("fakebin/\(tool)").path, 0o755)
    }
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = scratch.url("fakebin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["FAKE_SLURM_LOG"] = calls
    let command = ["sweep", "tiny.yaml", "--grid", "train.optimizer.lr=2e-3,5e-4", "--seeds", "7,8", "--executor", "slurm:debug",
                   "--throttle", "2", "--mem", "1G", "--time", "00:10:00", "--cache", "cache", "--poll", "0.01"]
    func sweep(_ extra: [String]) throws -> CLIResult { try SoundLabCLI.run(command + extra, directory: scratch.root, environment: env) }
    let root = scratch.root.path
    func placeholders(_ s: String) throws -> String {
        s.replacingOccurrences(of: try SoundLabCLI.binary().resolvingSymlinksInPath().path, with: "<soundlab>")
            .replacingOccurrences(of: root, with: "<scratch>")
    }

    let submitted = try sweep(["--no-follow"])
    expectNoCrash(submitted)
    #expect(submitted.status == 0, "stderr: \(submitted.stderr)")
    let id = "tiny-cbd81839"
    #expect(try placeholders(submitted.stdout) == """
        sweep \(id): 4 run(s), 0 current, 4 to train on slurm:debug
        submitted   array job 4241 (4 task(s)): <scratch>/runs/.sweeps/\(id)/array.sbatch
        submitted   summary job 4242, after the array succeeds: <scratch>/runs/.sweeps/\(id)/summary.md

        """)
    #expect(try placeholders(String(contentsOfFile: calls, encoding: .utf8)) == """
        sbatch --parsable <scratch>/runs/.sweeps/\(id)/array.sbatch
        sbatch --parsable --dependency=afterok:4241 <scratch>/runs/.sweeps/\(id)/summary.sbatch

        """)
    let array = try placeholders(scratch.text("runs/.sweeps/\(id)/array.sbatch"))
    #expect(array == """
        #!/bin/bash
        #SBATCH --job-name=soundlab-\(id)
        #SBATCH --array=0-3%2
        #SBATCH --partition=debug
        #SBATCH --cpus-per-task=2
        #SBATCH --mem=1G
        #SBATCH --time=00:10:00
        #SBATCH --chdir=<scratch>
        #SBATCH --output=<scratch>/runs/.sweeps/\(id)/logs/slurm-%A_%a.out
        # soundlab sweep \(id): one task per run; each writes its output to <scratch>/runs/.sweeps/\(id)/logs/<run>.log.
        # Run folders appear by rename once complete, so a failed or cancelled task leaves none behind.
        set -u
        case "$SLURM_ARRAY_TASK_ID" in
          0) run=tiny-lr=2e-3-seed7; set -- <soundlab> run tiny.yaml --only-seed 7 --set train.optimizer.lr=2e-3 --set name=tiny-lr=2e-3 --set 'seed=[7, 8]' --runs runs --cache cache --threads 2 --blas pinned --if-stale ;;
          1) run=tiny-lr=2e-3-seed8; set -- <soundlab> run tiny.yaml --only-seed 8 --set train.optimizer.lr=2e-3 --set name=tiny-lr=2e-3 --set 'seed=[7, 8]' --runs runs --cache cache --threads 2 --blas pinned --if-stale ;;
          2) run=tiny-lr=5e-4-seed7; set -- <soundlab> run tiny.yaml --only-seed 7 --set train.optimizer.lr=5e-4 --set name=tiny-lr=5e-4 --set 'seed=[7, 8]' --runs runs --cache cache --threads 2 --blas pinned --if-stale ;;
          3) run=tiny-lr=5e-4-seed8; set -- <soundlab> run tiny.yaml --only-seed 8 --set train.optimizer.lr=5e-4 --set name=tiny-lr=5e-4 --set 'seed=[7, 8]' --runs runs --cache cache --threads 2 --blas pinned --if-stale ;;
          *) echo "no task $SLURM_ARRAY_TASK_ID in sweep \(id)" >&2; exit 2 ;;
        esac
        exec "$@" ><scratch>/runs/.sweeps/\(id)/logs/"$run.log" 2>&1

        """, "\(array)")
    #expect(try placeholders(scratch.text("runs/.sweeps/\(id)/summary.sbatch")) == """
        #!/bin/bash
        #SBATCH --job-name=soundlab-\(id)-summary
        #SBATCH --partition=debug
        #SBATCH --cpus-per-task=1
        #SBATCH --mem=1G
        #SBATCH --time=00:10:00
        #SBATCH --chdir=<scratch>
        #SBATCH --output=<scratch>/runs/.sweeps/\(id)/logs/summary.log
        set -eu
        <soundlab> table runs --sweep \(id) --charts <scratch>/runs/.sweeps/\(id)/charts > <scratch>/runs/.sweeps/\(id)/summary.md

        """)

    // Following: the fake queue is empty at once and no task wrote its run, so all four failed.
    try FileManager.default.removeItem(atPath: calls)
    let followed = try sweep([])
    #expect(followed.status == 1)
    #expect(followed.stderr == "error: 4 of 4 run(s) failed; their logs are named above (--retry-failed runs them again)\n", "\(followed.stderr)")
    let failed = try placeholders(followed.stdout).split(separator: "\n").filter { $0.hasPrefix("failed") }
    #expect(failed.first == "failed      tiny-lr=2e-3-seed7 (task 0): log <scratch>/runs/.sweeps/\(id)/logs/tiny-lr=2e-3-seed7.log")
    #expect(failed.count == 4)
    #expect(try String(contentsOfFile: calls, encoding: .utf8).contains("scancel 4242\n"))

    // Task 1's run is trained by hand; the retry resubmits tasks 0, 2 and 3 of the same script.
    let byHand = try scratch.run(["run", "tiny.yaml", "--only-seed", "8", "--set", "train.optimizer.lr=2e-3", "--set", "name=tiny-lr=2e-3",
                                  "--set", "seed=[7, 8]", "--cache", "cache"])
    #expect(byHand.status == 0, "stderr: \(byHand.stderr)")
    try FileManager.default.removeItem(atPath: calls)
    let retried = try sweep(["--retry-failed", "--no-follow"])
    #expect(retried.status == 0, "stderr: \(retried.stderr)")
    #expect(try placeholders(String(contentsOfFile: calls, encoding: .utf8)) == """
        sbatch --parsable --array=0,2,3%2 <scratch>/runs/.sweeps/\(id)/array.sbatch
        sbatch --parsable --dependency=afterok:4241 <scratch>/runs/.sweeps/\(id)/summary.sbatch

        """)
    #expect(try placeholders(scratch.text("runs/.sweeps/\(id)/array.sbatch")) == array, "a retry must not rewrite the script")
}
