// `soundlab-bench birdnet`: BirdNET V2.4 embeddings of every clip of Animals_Sounds (Training, Test and the wind
// clips: 885) by soundlab (ModelFormats on TensorCore) and by TFLite's interpreter (XNNPACK, 2 threads) in one run.
// soundlab is timed end to end (decode, soxr resampling to 48 kHz, windows, embedding: what a cache miss costs a run)
// and on the embedding alone; TFLite embeds the same windows, one per invoke as birdnetlib does and in batches of 8.
// `SOUNDLAB_BENCH_CLIPS=N` keeps the first N clips; `SOUNDLAB_BENCH_PASSES=K` repeats the interleaved passes.
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
        let root = cwd.appendingPathComponent("Animals_Sounds")
        var urls = ["Training", "Test", "Noise/wind"].flatMap { folder in
            (FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)?
                .compactMap { $0 as? URL } ?? []).filter(AudioDecoder.isAudioFile)
        }.sorted { $0.path < $1.path }
        let environment = ProcessInfo.processInfo.environment
        if let limit = environment["SOUNDLAB_BENCH_CLIPS"].flatMap(Int.init) { urls = Array(urls.prefix(limit)) }
        let passes = max(1, environment["SOUNDLAB_BENCH_PASSES"].flatMap(Int.init) ?? 1)
        guard !urls.isEmpty else { print("birdnet: no clips under \(root.path)"); return }

        // End to end, as a run's embedding cache computes a clip it has not seen.
        _ = try backbone.embed(try wave(urls[0]))
        var windows: [[Float]] = []
        var start = Date()
        for url in urls {
            let clip = try BirdNETBackbone.windows(of: wave(url))
            for i in stride(from: 0, to: clip.count, by: 8) { _ = try backbone.run(windows: Array(clip[i..<min(i + 8, clip.count)])) }
            windows += clip
        }
        let endToEnd = Date().timeIntervalSince(start)
        print("birdnet: \(urls.count) clips of Animals_Sounds (Training, Test, Noise/wind), \(windows.count) windows of 3 s")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-birdnet-\(UUID().uuidString).f32")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        for w in windows { try handle.write(contentsOf: w.withUnsafeBytes { Data($0) }) }
        try handle.close()
        let peer = PythonPeer.start("TFLite", script: "bench/birdnet_tflite.py", arguments: [modelURL.path, file.path, "--serve"],
                                    cleanup: [file])
        defer { peer?.close() }

        var batched: [Double] = [], tfliteSingle: [Double] = [], tfliteBatched: [Double] = []
        for _ in 0..<passes {
            start = Date()
            for i in stride(from: 0, to: windows.count, by: 8) {
                _ = try backbone.run(windows: Array(windows[i..<min(i + 8, windows.count)]))
            }
            batched.append(Date().timeIntervalSince(start))
            if let p = peer?.pass("pass") { tfliteSingle.append(p.wall) }
            if let p = peer?.pass("pass8") { tfliteBatched.append(p.wall) }
        }
        let n = Double(windows.count)
        func line(_ what: String, _ seconds: Double) -> String {
            String(format: "  %@ %6.1f s, %5.1f ms/window", what.padding(toLength: 58, withPad: " ", startingAt: 0), seconds, seconds / n * 1000)
        }
        print(line("soundlab, decode + resample + embed (batches of 8):", endToEnd))
        print(line("soundlab, embed only (batches of 8), best of \(passes):", batched.min()!))
        guard let single = tfliteSingle.min(), let eight = tfliteBatched.min() else { print("  TFLite peer: not measured"); return }
        print(line("TFLite 2.21 XNNPACK 2 threads, one window per invoke:", single))
        print(line("TFLite 2.21 XNNPACK 2 threads, batches of 8:", eight))
        print(String(format: "  ratio TFLite / soundlab, embedding the same windows: %.2fx (TFLite one per invoke), %.2fx (TFLite batches of 8)",
                     single / batched.min()!, eight / batched.min()!))
        print(String(format: "  ratio TFLite embedding alone / soundlab end to end: %.2fx", min(single, eight) / endToEnd))
    }

    /// A clip decoded and resampled to 48 kHz as `BackboneEmbeddings` does it.
    private static func wave(_ url: URL) throws -> [Float] {
        let audio = try AudioDecoder.decode(url)
        return Resampler.resample(audio.samples, from: audio.sampleRate, to: BirdNETBackbone.sampleRate)
    }
}
