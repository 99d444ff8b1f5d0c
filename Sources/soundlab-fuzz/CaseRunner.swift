import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How one run of `soundlab` on one case ended.
enum Outcome: String, CaseIterable, Codable {
    /// Exit 0.
    case ok
    /// Exit 1 or 2 with soundlab's own message lines and nothing else.
    case clean
    /// A signal, an exit status of 128 or more, another unexpected status, or a runtime trap's text.
    case crash
    /// Still running at the timeout; killed.
    case hang
    /// Exited 0, 1 or 2 but printed lines that are not soundlab's (a library's log), or failed without a word.
    case noisy

    var isFailure: Bool { self == .crash || self == .hang || self == .noisy }
}

/// What one run left behind.
struct Execution {
    var outcome: Outcome
    /// "exit 2", "signal 6", "timeout".
    var status: String
    /// The first line of stderr that tells why (or the first line at all).
    var firstLine: String
    var seconds: Double
}

/// Runs the built `soundlab` under a timeout and an address-space cap, and classifies how it ended.
struct CaseRunner {
    let soundlab: String
    let timeout: Double
    let memoryBytes: Int

    /// Runs `soundlab arguments...` from the current directory, its output into `scratch` (which must exist).
    func run(_ arguments: [String], scratch: URL) -> Execution {
        let out = scratch.appendingPathComponent("stdout").path, err = scratch.appendingPathComponent("stderr").path
        // prlimit execs soundlab in place, so the pid waited on and killed is soundlab's own.
        let argv = ["/usr/bin/prlimit", "--as=\(memoryBytes)", "--core=0", "--", soundlab] + arguments
        var env = ProcessInfo.processInfo.environment
        // The runtime's symbolicating backtracer can take seconds: a crash is a signal, and must not look like a hang.
        env["SWIFT_BACKTRACE"] = "enable=no"
        let started = Date()
        guard let pid = spawn(argv, env: env.map { "\($0)=\($1)" }, stdout: out, stderr: err) else {
            return Execution(outcome: .crash, status: "spawn failed (errno \(errno))", firstLine: "", seconds: 0)
        }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(started) > timeout {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                timedOut = true
                break
            }
            usleep(2000)
        }
        let seconds = Date().timeIntervalSince(started)
        let stderr = (try? String(contentsOfFile: err, encoding: .utf8))
            ?? String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: err))) ?? Data(), as: UTF8.self)
        let lines = stderr.split(separator: "\n").map(String.init)
        if timedOut { return Execution(outcome: .hang, status: "timeout", firstLine: lines.first ?? "", seconds: seconds) }
        let signalled = status & 0x7F != 0
        let code = (status >> 8) & 0xFF
        let statusText = signalled ? "signal \(status & 0x7F)" : "exit \(code)"
        let trap = lines.first { line in Self.trapMarkers.contains { line.contains($0) } }
        if signalled || code >= 128 || trap != nil || ![0, 1, 2].contains(code) {
            return Execution(outcome: .crash, status: statusText, firstLine: trap ?? lines.first ?? "", seconds: seconds)
        }
        if let foreign = lines.first(where: { !Self.isOurs($0) }) {
            return Execution(outcome: .noisy, status: statusText, firstLine: foreign, seconds: seconds)
        }
        if code != 0 && lines.isEmpty {
            return Execution(outcome: .noisy, status: statusText, firstLine: "(failed without a message)", seconds: seconds)
        }
        return Execution(outcome: code == 0 ? .ok : .clean, status: statusText, firstLine: lines.first ?? "", seconds: seconds)
    }

    /// Text the Swift runtime (or the C library) prints when it stops a process.
    static let trapMarkers = ["Fatal error", "Program crashed", "Stack dump", "Backtrace", "Illegal instruction",
                              "Segmentation fault", "Aborted", "failed to allocate"]

    /// soundlab's own stderr lines: `error: ...`, or a diagnostic that starts with the place it is about: a
    /// `file:line:column`, a YAML or WAV file, or a `--set` override.
    static func isOurs(_ line: String) -> Bool {
        if line.hasPrefix("error: ") || line.hasPrefix("--set ") { return true }
        guard let colon = line.range(of: ": ") else { return false }
        let place = line[..<colon.lowerBound]
        guard !place.contains(" "), let file = place.split(separator: ":").first else { return false }
        let parts = place.split(separator: ":", omittingEmptySubsequences: false)
        let located = parts.count == 3 && parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        return located || [".yaml", ".yml", ".wav", ".WAV"].contains { file.hasSuffix($0) }
    }

    /// posix_spawn with stdin from /dev/null and stdout, stderr to files.
    private func spawn(_ argv: [String], env: [String], stdout: String, stderr: String) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        return rc == 0 ? pid : nil
    }
}
