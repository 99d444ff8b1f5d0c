// A Python peer of a bench: one process from .venv-bench that answers `ready` once warm, then runs one pass for
// each `pass` line on stdin and answers `pass <wall s> <cpu s> ...`, so its passes interleave with ours and both
// sides see the same minutes of this VM, whose speed drifts by 10-20 %.
import Foundation

final class PythonPeer {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var pending = Data()
    private let cleanup: [URL]

    /// Makes .venv-bench if needed (bench/setup_venv.sh) and starts `script` with `arguments`; nil, with the reason
    /// printed, when either fails. `cleanup` files are removed when the peer closes.
    static func start(_ what: String, script: String, arguments: [String], environment: [String: String] = [:],
                      cleanup: [URL] = []) -> PythonPeer? {
        let cwd = FileManager.default.currentDirectoryPath
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: "/bin/bash")
        setup.arguments = ["\(cwd)/bench/setup_venv.sh"]
        setup.standardOutput = FileHandle.nullDevice
        do { try setup.run(); setup.waitUntilExit() } catch {}
        let python = "\(cwd)/.venv-bench/bin/python"
        guard setup.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: python) else {
            print("  \(what) peer skipped: .venv-bench could not be made (bench/setup_venv.sh failed)")
            for url in cleanup { try? FileManager.default.removeItem(at: url) }
            return nil
        }
        let process = Process()
        let stdin = Pipe(), stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["\(cwd)/\(script)"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        process.standardOutput = stdout
        do { try process.run() } catch {
            print("  \(what) peer skipped: \(error)")
            for url in cleanup { try? FileManager.default.removeItem(at: url) }
            return nil
        }
        let peer = PythonPeer(process: process, input: stdin.fileHandleForWriting, output: stdout.fileHandleForReading,
                              cleanup: cleanup)
        guard peer.readLine() == "ready" else {
            print("  \(what) peer failed to start (see \(script))")
            peer.close()
            return nil
        }
        return peer
    }

    /// The librosa side of `soundlab-bench features` (bench/features_librosa.py --serve) over `urls`.
    static func librosa(_ urls: [URL]) -> PythonPeer? {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featbench-\(UUID().uuidString).txt")
        try? urls.map(\.path).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        // One BLAS/OpenMP thread: librosa's pipeline is one process, as the issue measures it.
        return start("librosa", script: "bench/features_librosa.py", arguments: [list.path, "--serve"],
                     environment: ["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"], cleanup: [list])
    }

    private init(process: Process, input: FileHandle, output: FileHandle, cleanup: [URL]) {
        (self.process, self.input, self.output, self.cleanup) = (process, input, output, cleanup)
    }

    /// One pass of the peer (`command` names the kind when a peer has several): wall and CPU seconds, nil if the
    /// peer died.
    func pass(_ command: String = "pass") -> (wall: Double, cpu: Double)? {
        input.write(Data("\(command)\n".utf8))
        guard let line = readLine() else { return nil }
        let f = line.split(separator: " ")
        guard f.count >= 3, f[0] == "pass", let wall = Double(f[1]), let cpu = Double(f[2]) else { return nil }
        return (wall, cpu)
    }

    func close() {
        try? input.close()
        process.waitUntilExit()
        for url in cleanup { try? FileManager.default.removeItem(at: url) }
    }

    private func readLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending = Data(pending[(newline + 1)...])
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }
}
