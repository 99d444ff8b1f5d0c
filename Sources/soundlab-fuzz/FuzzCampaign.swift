import Foundation

/// One seeded campaign: makes each case, runs soundlab on it, keeps the files of failing cases.
final class FuzzCampaign: @unchecked Sendable {
    private let options: FuzzOptions
    private let runner: CaseRunner
    private let pool: ClipPool
    private let experiments: [(name: String, text: String)]
    private let wavDir: URL, yamlDir: URL, scratchDir: URL
    private let lock = NSLock()
    private var tally = FuzzTally()
    private var next = 0

    init(_ options: FuzzOptions, soundlab: String) throws {
        self.options = options
        runner = CaseRunner(soundlab: soundlab, timeout: options.timeout, memoryBytes: options.memoryBytes)
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        pool = try ClipPool(root: root)
        let experimentsDir = root.appendingPathComponent("experiments")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: experimentsDir.path))?
            .filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        guard !names.isEmpty else { throw FuzzError("no experiments/*.yaml under \(root.path)") }
        experiments = try names.map { ($0, try String(contentsOf: experimentsDir.appendingPathComponent($0), encoding: .utf8)) }
        let out = URL(fileURLWithPath: options.out)
        wavDir = out.appendingPathComponent("wav")
        yamlDir = out.appendingPathComponent("yaml")
        scratchDir = out.appendingPathComponent("scratch")
        try? FileManager.default.removeItem(at: out)
        for dir in [wavDir, yamlDir, scratchDir] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        // The bases sit beside the cases, so `extends: base.yaml` resolves as it does in experiments/.
        for (name, text) in experiments { try text.write(to: yamlDir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    /// Runs every case on `options.jobs` workers and returns the tally.
    func run() -> FuzzTally {
        func wanted(_ kind: String) -> Bool { (options.only.isEmpty || options.only.contains(kind)) && !options.skip.contains(kind) }
        let wavKinds = WAVMutation.allCases.filter { wanted($0.rawValue) }
        let yamlKinds = YAMLMutation.allCases.filter { wanted($0.rawValue) }
        let work: [(Bool, Int)] = (wavKinds.isEmpty ? [] : (0..<options.wavCases).map { (true, $0) })
            + (yamlKinds.isEmpty ? [] : (0..<options.yamlCases).map { (false, $0) })
        DispatchQueue.concurrentPerform(iterations: options.jobs) { worker in
            let scratch = scratchDir.appendingPathComponent("w\(worker)")
            try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            while let item = claim(work) {
                if item.0 { wavCase(item.1, kinds: wavKinds, scratch: scratch) } else { yamlCase(item.1, kinds: yamlKinds, scratch: scratch) }
            }
        }
        try? FileManager.default.removeItem(at: scratchDir)
        return tally
    }

    private func claim(_ work: [(Bool, Int)]) -> (Bool, Int)? {
        lock.lock(); defer { lock.unlock() }
        guard next < work.count else { return nil }
        next += 1
        return work[next - 1]
    }

    private func wavCase(_ i: Int, kinds: [WAVMutation], scratch: URL) {
        let kind = kinds[i % kinds.count]
        var g = SeededGenerator(seed: options.seed, stream: "wav", index: i)
        let source = g.pick(kind.wantsMP3 ? pool.mp3 : pool.all)
        guard let bytes = try? pool.bytes(source) else { return }
        let (mutated, note) = kind.apply(to: bytes, &g)
        let file = wavDir.appendingPathComponent("\(kind.rawValue)-\(i).wav")
        try? Data(mutated).write(to: file)
        let args = ["features", file.relativePath, "--out", scratch.appendingPathComponent("x.npy").relativePath]
        let done = runner.run(args, scratch: scratch)
        record([("features", args, done)], kind: kind.rawValue, index: i, file: file, note: "\(note); from \(source)")
    }

    private func yamlCase(_ i: Int, kinds: [YAMLMutation], scratch: URL) {
        let kind = kinds[i % kinds.count]
        var g = SeededGenerator(seed: options.seed, stream: "yaml", index: i)
        let source = g.pick(experiments)
        let name = "\(kind.rawValue)-\(i).yaml"
        let clip = URL(fileURLWithPath: pool.root.appendingPathComponent(g.pick(pool.all)).path).path
        let (bytes, note) = kind.apply(to: source.text, selfName: name, clip: clip, &g)
        let file = yamlDir.appendingPathComponent(name)
        try? Data(bytes).write(to: file)
        let validate = ["validate", file.relativePath]
        var runs = [("validate", validate, runner.run(validate, scratch: scratch))]
        if runs[0].2.outcome == .ok {
            let dry = ["run", file.relativePath, "--dry-run", "--runs", scratch.appendingPathComponent("runs").relativePath,
                       "--cache", scratch.appendingPathComponent("cache").relativePath]
            runs.append(("dry-run", dry, runner.run(dry, scratch: scratch)))
        }
        record(runs, kind: kind.rawValue, index: i, file: file, note: "\(note); from \(source.name)")
    }

    /// Counts each run; keeps the case file when one of them failed, deletes it otherwise.
    private func record(_ runs: [(String, [String], Execution)], kind: String, index: Int, file: URL, note: String) {
        lock.lock(); defer { lock.unlock() }
        var failed = false
        for (command, args, done) in runs {
            tally.add(command: command, kind: kind, done.outcome)
            tally.time(command: command, .init(seconds: done.seconds, kind: kind, index: index, note: note))
            guard done.outcome.isFailure else { continue }
            failed = true
            tally.failures.append(.init(command: command, kind: kind, index: index, outcome: done.outcome, status: done.status,
                                        file: file.relativePath, arguments: args, note: note, firstLine: done.firstLine))
        }
        if !failed && !options.keep { try? FileManager.default.removeItem(at: file) }
    }
}
