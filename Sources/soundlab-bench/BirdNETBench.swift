// `soundlab-bench birdnet`: BirdNET V2.4 embeddings of the same 3 s windows by soundlab (ModelFormats on
// TensorCore) and by TFLite's interpreter (XNNPACK, 2 threads), interleaved in one run. The windows are every
// mono 48 kHz clip of Animals_Sounds cut as BirdNETBackbone cuts them (`SOUNDLAB_BENCH_WINDOWS=N` keeps the first N).
import AudioFeatures
import Foundation
import ModelFormats
import TensorCore

enum BirdNETBench {
    static func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let modelURL = cwd.appendingPathComponent("models/birdnet/\(BirdNETBackbone.modelFileName)")
        guard FileManager.default.fileExists(atPath: modelURL.path) else {
            print("birdnet: skipped, \(modelURL.path) is missing (make birdnet)")
            return
        }
        let backbone = try BirdNETBackbone.load(modelURL)
        var windows: [[Float]] = []
        let root = cwd.appendingPathComponent("Animals_Sounds")
        let urls = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter(AudioDecoder.isAudioFile).sorted { $0.path < $1.path }
        for url in urls {
            guard let audio = try? AudioDecoder.decode(url), audio.sampleRate == BirdNETBackbone.sampleRate,
                  audio.channels == 1 else { continue }
            windows += try BirdNETBackbone.windows(of: audio.samples)
        }
        if let limit = ProcessInfo.processInfo.environment["SOUNDLAB_BENCH_WINDOWS"].flatMap(Int.init) {
            windows = Array(windows.prefix(limit))
        }
        guard !windows.isEmpty else { print("birdnet: no 48 kHz mono clips under \(root.path)"); return }
        print("birdnet: \(windows.count) windows of 3 s from the 48 kHz clips of Animals_Sounds")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-birdnet-\(UUID().uuidString).f32")
        try windows.flatMap { $0 }.withUnsafeBytes { Data($0) }.write(to: file)
        let peer = PythonPeer.start("TFLite", script: "bench/birdnet_tflite.py", arguments: [modelURL.path, file.path, "--serve"],
                                    cleanup: [file])
        defer { peer?.close() }

        _ = try backbone.run(windows: [windows[0]])
        var single: [Double] = [], batched: [Double] = [], tflite: [Double] = []
        for _ in 0..<3 {
            var start = Date()
            for w in windows { _ = try backbone.run(windows: [w]) }
            single.append(Date().timeIntervalSince(start))
            start = Date()
            for i in stride(from: 0, to: windows.count, by: 8) {
                _ = try backbone.run(windows: Array(windows[i..<min(i + 8, windows.count)]))
            }
            batched.append(Date().timeIntervalSince(start))
            if let p = peer?.pass() { tflite.append(p.wall) }
        }
        let n = Double(windows.count)
        func ms(_ s: [Double]) -> String { String(format: "%.1f ms/window", s.min()! / n * 1000) }
        print("  soundlab, one window per run:  best of 3 \(ms(single))")
        print("  soundlab, batches of 8:        best of 3 \(ms(batched))")
        guard !tflite.isEmpty else { print("  TFLite peer: not measured"); return }
        print("  TFLite 2.21 (XNNPACK, 2 threads), one window per invoke: best of 3 \(ms(tflite))")
        print(String(format: "  ratio TFLite / soundlab: %.2fx (one window per run), %.2fx (batches of 8)",
                     tflite.min()! / single.min()!, tflite.min()! / batched.min()!))
    }
}
