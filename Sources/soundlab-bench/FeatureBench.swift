// `soundlab-bench features`: all 875 training/test clips through the feature pipeline, cold (empty
// temporary cache) and warm, with 1 and 2 threads, next to librosa 0.11.0 on the same files.
import AudioFeatures
import Foundation

/// The 875 Training + Test clips in path order; empty (with a message) outside the repository root.
private func benchClips() -> [URL] {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Animals_Sounds")
    let urls = ["Training", "Test"].flatMap { split -> [URL] in
        let dir = root.appendingPathComponent(split)
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
        return (e?.compactMap { $0 as? URL } ?? []).filter(AudioDecoder.isAudioFile)
    }.sorted { $0.path < $1.path }
    if urls.isEmpty { print("features: no clips under \(root.path) (run from the repository root)") }
    return urls
}

/// `soundlab-bench feature-cold`: one cold batch (2 threads, or `SOUNDLAB_BENCH_THREADS`) and nothing else,
/// for `perf stat` (instruction counts are steadier than times on a shared machine). `SOUNDLAB_BENCH_THREADS=1,2`
/// with `SOUNDLAB_BENCH_ROUNDS=N` runs N rounds of one cold pass per thread count in one process, each with its page faults.
func featureColdBench() throws {
    let env = ProcessInfo.processInfo.environment
    let threadList = (env["SOUNDLAB_BENCH_THREADS"] ?? "2").split(separator: ",").compactMap { Int($0) }
    let rounds = env["SOUNDLAB_BENCH_ROUNDS"].flatMap { Int($0) } ?? 1
    let urls = benchClips()
    guard !urls.isEmpty, let threads = threadList.last else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featbench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    var last = dir
    for _ in 0..<rounds {
        for t in threadList {
            try? FileManager.default.removeItem(at: last)
            last = dir.appendingPathComponent(UUID().uuidString)
            let faults = minorFaults()
            let cold = try timedPass(urls, cache: last, threads: t)
            print(String(format: "feature-cold: %d clips, %d threads: %.1f ms wall, %.1f ms CPU (%.1f ms kernel), %d page faults, %d failed",
                         urls.count, t, cold.seconds * 1000, cold.cpu * 1000, cold.kernel * 1000, minorFaults() - faults, cold.failures))
        }
    }
    // SOUNDLAB_BENCH_WARM=N: then N warm passes over the same cache, for profiling the warm path.
    let warmPasses = ProcessInfo.processInfo.environment["SOUNDLAB_BENCH_WARM"].flatMap { Int($0) } ?? 0
    for _ in 0..<warmPasses {
        let warm = try timedPass(urls, cache: last, threads: threads)
        print(String(format: "feature-warm: %.2f ms wall, %.2f ms CPU", warm.seconds * 1000, warm.cpu * 1000))
    }
}

/// Rounds of cold passes: each round runs soundlab with 1 thread, with 2 threads, then librosa once, so both
/// sides sample the same minutes; each side's best pass is compared.
private let coldRounds = 5

func featureBench() throws {
    let urls = benchClips()
    guard !urls.isEmpty else { return }
    let settings = FeatureSettings()
    print("features: \(urls.count) clips, settings n_fft \(settings.nFFT) hop \(settings.hopLength) mels \(settings.nMels) @ \(settings.sampleRate) Hz")

    // Warm the FFTW plan and soxr library once so neither cold run pays first-use costs the other does not.
    _ = try FeatureExtractor(settings: settings).features(AudioDecoder.decode(urls[0]))
    let peer = PythonPeer.librosa(urls)
    defer { peer?.close() }

    let threadCounts = [1, 2]
    var cold = [Int: (seconds: Double, cpu: Double, kernel: Double, failures: Int)]()
    var passes = [Int: [Double]]()
    var warmDirs = [Int: URL]()
    var librosa: (wall: Double, cpu: Double)?
    var librosaPasses: [Double] = []
    defer { for dir in warmDirs.values { try? FileManager.default.removeItem(at: dir) } }
    for _ in 0..<coldRounds {
        for threads in threadCounts {
            // Each pass into an empty cache of its own; the last one is kept for the warm passes.
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featbench-\(UUID().uuidString)")
            let pass = try timedPass(urls, cache: dir, threads: threads)
            passes[threads, default: []].append(pass.seconds)
            if pass.seconds < cold[threads]?.seconds ?? .infinity { cold[threads] = pass }
            if let old = warmDirs[threads] { try? FileManager.default.removeItem(at: old) }
            warmDirs[threads] = dir
        }
        if let p = peer?.pass() {
            librosaPasses.append(p.wall)
            if p.wall < librosa?.wall ?? .infinity { librosa = p }
        }
    }

    var rows: [(String, Double)] = []
    var cpuRows: [(String, Double)] = []
    for threads in threadCounts {
        var warmBest = Double.infinity
        for _ in 0..<5 {
            let warm = try timedPass(urls, cache: warmDirs[threads]!, threads: threads)
            warmBest = min(warmBest, warm.seconds)
        }
        let c = cold[threads]!
        print(String(format: "  soundlab cold, %d thread(s): %8.1f ms wall, %8.1f ms CPU (%.1f ms of it kernel)  (%d failed; best of %@ ms)",
                     threads, c.seconds * 1000, c.cpu * 1000, c.kernel * 1000, c.failures, milliseconds(passes[threads]!)))
        print(String(format: "  soundlab warm, %d thread(s): %8.2f ms  (best of 5)", threads, warmBest * 1000))
        rows.append(("cold \(threads)t", c.seconds))
        cpuRows.append(("cold \(threads)t", c.cpu))
        rows.append(("warm \(threads)t", warmBest))
    }

    guard let librosa else {
        if peer != nil { print("  librosa peer failed during its passes") }
        return
    }
    print(String(format: "  librosa 0.11.0 (1 thread):   %8.1f ms wall, %8.1f ms CPU  (best of %@ ms, interleaved with ours)",
                 librosa.wall * 1000, librosa.cpu * 1000, milliseconds(librosaPasses)))
    for (name, seconds) in rows {
        print(String(format: "  speed-up %@ (wall): %7.1fx", name, librosa.wall / seconds))
    }
    for (name, seconds) in cpuRows {
        print(String(format: "  speed-up %@ (CPU):  %7.1fx", name, librosa.cpu / seconds))
    }
    // The fairest single number on a drifting machine: each round's librosa pass over the same round's pass of
    // ours (seconds apart), the median over the rounds.
    for threads in threadCounts {
        let ratios = zip(librosaPasses, passes[threads]!).map { $0 / $1 }.sorted()
        guard !ratios.isEmpty else { continue }
        let median = ratios.count % 2 == 1 ? ratios[ratios.count / 2]
            : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2
        print(String(format: "  speed-up cold %dt, median of the %d rounds' ratios: %.1fx  (%@)", threads, ratios.count, median,
                     ratios.map { String(format: "%.1f", $0) }.joined(separator: ", ")))
    }
}

private func milliseconds(_ seconds: [Double]) -> String {
    seconds.map { String(format: "%.0f", $0 * 1000) }.joined(separator: ", ")
}

/// One batch over `urls` through the cache in `cache` (default settings), timed; `failures` counts clips that failed.
/// Each clip becomes its padded model input as it is ready and is then dropped, which is what the librosa peer
/// does with each of its clips (holding all 875 results instead costs ~14k page faults, ~8% of a cold pass here).
private func timedPass(_ urls: [URL], cache: URL, threads: Int) throws
    -> (seconds: Double, cpu: Double, kernel: Double, failures: Int) {
    var failed = [Bool](repeating: false, count: urls.count)
    let settings = FeatureSettings()
    return try timed {
        try failed.withUnsafeMutableBufferPointer { flags in
            nonisolated(unsafe) let flags = flags
            try FeatureCache(directory: cache).features(for: urls, settings: settings, threads: threads) { i, result in
                switch result {
                case .success(let f): consume(f.padded(to: settings.maxFrames))
                case .failure: flags[i] = true
                }
            }
        }
        return failed.filter { $0 }.count
    }
}

/// Keeps the optimiser from dropping a model input nobody reads.
@_optimize(none) private func consume(_ input: [Float]) {}

private func timed(_ body: () throws -> Int) rethrows -> (seconds: Double, cpu: Double, kernel: Double, failures: Int) {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = processCPUSeconds(), kernelStart = systemCPUSeconds()
    let failures = try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, processCPUSeconds() - cpuStart,
            systemCPUSeconds() - kernelStart, failures)
}

/// CPU seconds of this process (all threads): the machine is shared, so wall time alone is noisy.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// This process's resource usage so far.
private func usage() -> rusage {
    var u = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &u)
    #else
    getrusage(RUSAGE_SELF, &u)
    #endif
    return u
}

/// Minor page faults of this process so far.
private func minorFaults() -> Int { usage().ru_minflt }

/// Kernel CPU seconds of this process (file I/O, page faults).
private func systemCPUSeconds() -> Double {
    let u = usage()
    return Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
}

/// `soundlab-bench feature-stages`: CPU time of each stage over all clips, one thread, no cache.
func featureStageBench() throws {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Animals_Sounds")
    let urls = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
        .filter(AudioDecoder.isAudioFile).filter { !$0.path.contains("/Noise/") }
    let extractor = try FeatureExtractor()
    var t = [0.0, 0.0, 0.0, 0.0]
    var hashing = 0.0
    var frames = 0
    func cpu() -> Double { var ts = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 }
    for url in urls {
        let h = cpu()
        _ = try Data(contentsOf: url)
        let a = cpu()
        hashing += a - h
        let audio = try AudioDecoder.decode(url)
        let b = cpu()
        let wave = extractor.wave(audio)
        let c = cpu()
        let mel = extractor.melDB(wave: wave)
        let d = cpu()
        _ = extractor.modelInput(mel)
        let e = cpu()
        t[0] += b - a; t[1] += c - b; t[2] += d - c; t[3] += e - d
        frames += mel.frames
    }
    print(String(format: "feature-stages (%d clips, %d frames, CPU ms): read %.1f  decode %.1f  resample %.1f  stft+mel+dB %.1f  normalise %.1f",
                 urls.count, frames, hashing * 1000, t[0] * 1000, t[1] * 1000, t[2] * 1000, t[3] * 1000))
}

/// `soundlab-bench feature-stft`: best-of-20 thread-CPU time per STFT frame (melDB on one long
/// 16 kHz clip): the steadiest number for the spectrogram code on a shared machine.
func featureSTFTBench() throws {
    let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Animals_Sounds/Training/Cat/cat_112.wav")
    let extractor = try FeatureExtractor()
    let wave = extractor.wave(try AudioDecoder.decode(url))
    func cpu() -> Double { var ts = timespec(); clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts); return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9 }
    var best = Double.infinity
    var frames = 0
    for _ in 0..<20 {
        let start = cpu()
        frames = extractor.melDB(wave: wave).frames
        best = min(best, cpu() - start)
    }
    print(String(format: "feature-stft: %d frames, best %.3f µs/frame", frames, best / Double(frames) * 1e6))
}

/// `soundlab-bench feature-check`: all clips cold (2 threads), warm, cold with 1 thread and straight through one
/// extractor must agree bit for bit; prints how many clips differ (all zeros expected).
func featureCheckBench() throws {
    let urls = benchClips()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featcheck-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cold = try FeatureCache(directory: dir).features(for: urls, settings: FeatureSettings(), threads: 2)
    let warm = try FeatureCache(directory: dir).features(for: urls, settings: FeatureSettings(), threads: 2)
    let one = try FeatureCache(directory: dir.appendingPathComponent("one")).features(for: urls, settings: FeatureSettings(), threads: 1)
    let ex = try FeatureExtractor()
    var bad = 0, badDirect = 0, badOne = 0
    for i in urls.indices {
        let c = try cold[i].get(), w = try warm[i].get(), o = try one[i].get()
        if c != w { bad += 1 }
        if c != o { badOne += 1 }
        if c != ex.features(try AudioDecoder.decode(urls[i])) { badDirect += 1 }
    }
    print("check: cold!=warm \(bad), cold2t!=cold1t \(badOne), cold!=direct \(badDirect)")
}

/// `soundlab-bench feature-digest`: one 64-bit digest over every clip's resampled wave, dB spectrogram and cold-batch
/// features, so a speed change can show it left every bit of the output alone (compare the line before and after).
func featureDigestBench() throws {
    let urls = benchClips()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("soundlab-featdigest-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let ex = try FeatureExtractor()
    var waves = BitDigest(), mels = BitDigest(), batch = BitDigest()
    var samples = 0, frames = 0
    for url in urls {
        let wave = ex.wave(try AudioDecoder.decode(url))
        let mel = ex.melDB(wave: wave)
        waves.add(wave)
        mels.add(mel.values)
        samples += wave.count
        frames += mel.frames
    }
    for result in try FeatureCache(directory: dir).features(for: urls, settings: FeatureSettings(), threads: 2) {
        batch.add(try result.get().values)
    }
    print("feature-digest: \(urls.count) clips, \(samples) samples, \(frames) frames: wave \(waves) melDB \(mels) features \(batch)")
}

/// FNV-1a over the bit patterns (and the count) of Float arrays: any changed bit or length changes it.
private struct BitDigest: CustomStringConvertible {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ values: [Float]) {
        mix(UInt32(truncatingIfNeeded: values.count))
        for v in values { mix(v.bitPattern) }
    }
    private mutating func mix(_ word: UInt32) { h = (h ^ UInt64(word)) &* 0x0000_0100_0000_01B3 }
    var description: String { String(h, radix: 16) }
}
