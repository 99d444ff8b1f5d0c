// The librosa side of `soundlab-bench features`: one Python process (bench/features_librosa.py --serve) that
// runs a pass over the clips each time it is asked, so its passes interleave with ours and both sides see the
// same minutes of this VM, whose speed drifts by 10-20 %.
import Foundation

final class LibrosaPeer {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var pending = Data()
    private let list: URL

    /// Makes .venv-bench if needed (bench/setup_venv.sh) and starts the peer; nil, with the reason printed, when
    /// either fails.
    static func start(_ urls: [URL]) -> LibrosaPeer? {
        let cwd = FileManager.default.currentDirectoryPath
        let setup = Process()
        setup.executableURL = URL(fileURLWithPath: "/bin/bash")
        setup.arguments = ["\(cwd)/bench/setup_venv.sh"]
        setup.standardOutput = FileHandle.nullDevice
        do { try setup.run(); setup.waitUntilExit() } catch {}
        let python = "\(cwd)/.venv-bench/bin/python"
        guard setup.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: python) else {
            print("  librosa peer skipped: .venv-bench could not be made (bench/setup_venv.sh failed)")
            return nil
        }
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featbench-\(UUID().uuidString).txt")
        try? urls.map(\.path).joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let process = Process()
        let stdin = Pipe(), stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["\(cwd)/bench/features_librosa.py", list.path, "--serve"]
        // One BLAS/OpenMP thread: librosa's pipeline is one process, as the issue measures it.
        process.environment = ProcessInfo.processInfo.environment.merging(["OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"]) { $1 }
        process.standardError = FileHandle.nullDevice
        process.standardInput = stdin
        process.standardOutput = stdout
        do { try process.run() } catch {
            print("  librosa peer skipped: \(error)")
            try? FileManager.default.removeItem(at: list)
            return nil
        }
        let peer = LibrosaPeer(process: process, input: stdin.fileHandleForWriting, output: stdout.fileHandleForReading, list: list)
        guard peer.readLine() == "ready" else {
            print("  librosa peer failed to start (is librosa 0.11 in .venv-bench?)")
            peer.close()
            return nil
        }
        return peer
    }

    private init(process: Process, input: FileHandle, output: FileHandle, list: URL) {
        (self.process, self.input, self.output, self.list) = (process, input, output, list)
    }

    /// One pass of librosa over every clip: wall and CPU seconds, nil if the peer died.
    func pass() -> (wall: Double, cpu: Double)? {
        input.write(Data("pass\n".utf8))
        guard let line = readLine() else { return nil }
        let f = line.split(separator: " ")
        guard f.count >= 3, f[0] == "pass", let wall = Double(f[1]), let cpu = Double(f[2]) else { return nil }
        return (wall, cpu)
    }

    func close() {
        try? input.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: list)
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
