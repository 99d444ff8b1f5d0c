import AudioFeatures
import Crypto
import Dispatch
import Foundation

extension DatasetAudit {
    /// Decodes and hashes every file of `listing` on `threads` threads and summarises what it found.
    /// Bad files are recorded with their reason and the audit carries on; results do not depend on
    /// thread timing.
    public static func run(_ listing: DatasetListing, threads: Int = 2) -> DatasetAudit {
        let files = listing.splits.flatMap { $0.classes.flatMap(\.files) } + listing.noise.flatMap(\.files)
        let inspected = inspectAll(files, threads: threads)
        var byPath: [String: FileInspection] = [:]
        for (file, result) in zip(files, inspected) { byPath[file.relativePath] = result }

        var problems = listing.problems.map(\.description)
        var splits: [SplitAudit] = []
        for split in listing.splits {
            var rows: [ClassAudit] = []
            for cls in split.classes {
                let row = summarise(cls.name, cls.files.map { byPath[$0.relativePath]! })
                if row.clips > 0 && row.decoded == 0 {
                    problems.append("class '\(cls.name)' in \(split.name) has no decodable audio file")
                }
                rows.append(row)
            }
            let all = split.classes.flatMap(\.files).map { byPath[$0.relativePath]! }
            splits.append(SplitAudit(name: split.name, total: summarise(split.name, all), classes: rows))
        }
        let noise = listing.noise.map { kind in summarise(kind.name, kind.files.map { byPath[$0.relativePath]! }) }

        let undecodable = zip(files, inspected).compactMap { file, result in
            result.failure.map { UndecodableFile(file: file.relativePath, reason: $0) }
        }.sorted { $0.file < $1.file }

        let duplicates = groupDuplicates(zip(files, inspected).map { ($0.relativePath, $1.sha256) },
                                         splitNames: listing.layout.splits,
                                         folderOrder: listing.layout.splits + [listing.layout.noiseFolder])
        let crossing = duplicates.filter(\.crossesSplits).count
        var recordings: [RecordingProperties] = []
        for split in listing.splits {
            for cls in split.classes {
                for file in cls.files {
                    let seen = byPath[file.relativePath]!
                    guard seen.failure == nil else { continue }
                    recordings.append(RecordingProperties(
                        file: file.relativePath, split: split.name, className: cls.name, sampleRate: seen.sampleRate,
                        channels: seen.channels, encoding: seen.encoding, seconds: seen.duration,
                        bandwidthHz: seen.bandwidth))
                }
            }
        }
        // The first split is the one models learn from: a property that predicts its labels can be learnt instead.
        let training = recordings.filter { $0.split == listing.layout.splits.first }
        let confounds = ConfoundAnalysis.run(training, groups: training.map { byPath[$0.file]!.sha256 ?? $0.file },
                                             classNames: listing.classNames)
        // A file training or evaluation cannot read, or a test clip the model also trains on, makes every
        // number a run reports wrong; the table lists them, this says so and makes the exit status say it too.
        if !undecodable.isEmpty {
            problems.append("\(undecodable.count) file\(undecodable.count == 1 ? "" : "s") cannot be decoded "
                + "(listed under 'Undecodable files')")
        }
        if crossing > 0 {
            let splitNames = listing.layout.splits.joined(separator: "/")
            problems.append("\(crossing) duplicate group\(crossing == 1 ? "" : "s") cross\(crossing == 1 ? "es" : "") "
                + "\(splitNames): the same clip is trained and tested on (marked LEAK)")
        }
        return DatasetAudit(
            root: listing.root.path,
            classNames: listing.classNames,
            splits: splits,
            noise: noise,
            totalClips: listing.fileCount,
            noiseClips: listing.noiseFileCount,
            undecodable: undecodable,
            duplicateGroups: duplicates,
            crossSplitDuplicateGroups: crossing,
            recordings: recordings,
            confounds: confounds,
            warnings: confounds.filter(\.warns).map { $0.warning(classNames: listing.classNames) },
            problems: problems,
            usable: problems.isEmpty)
    }
}

/// What reading one file taught us.
struct FileInspection: Sendable {
    var sha256: String?
    var sampleRate = 0
    var channels = 0
    var encoding = ""
    var duration = 0.0
    var bandwidth = 0.0
    var failure: String?
}

private func inspect(_ url: URL, _ meter: BandwidthMeter) -> FileInspection {
    var result = FileInspection()
    do throws(AudioDecodeError) {
        // Read once: the bytes give both the SHA-256 and the audio.
        let bytes = try AudioDecoder.read(url)
        result.sha256 = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        let audio = try AudioDecoder.decode(bytes, path: url.path)
        guard !audio.samples.isEmpty else {
            result.failure = "decoded to 0 samples"
            return result
        }
        result.sampleRate = audio.sampleRate
        result.channels = audio.channels
        result.encoding = audio.encoding
        result.duration = audio.duration
        result.bandwidth = meter.bandwidth(of: audio.samples, sampleRate: audio.sampleRate)
    } catch {
        result.failure = error.reason
    }
    return result
}

/// Inspects `files` on `threads` workers; each result lands in its file's slot, so the output order is the input
/// order whatever the timing.
private func inspectAll(_ files: [DatasetFile], threads: Int) -> [FileInspection] {
    var results = [FileInspection?](repeating: nil, count: files.count)
    results.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let out = buffer
        ItemWorkers.run(count: files.count, workers: threads, makeState: { BandwidthMeter() }) { meter, index in
            out[index] = inspect(files[index].url, meter)
        }
    }
    return results.map { $0! }
}

private func summarise(_ name: String, _ files: [FileInspection]) -> ClassAudit {
    let ok = files.filter { $0.failure == nil }
    return ClassAudit(
        name: name,
        clips: files.count,
        decoded: ok.count,
        seconds: DurationStats(ok.map(\.duration)),
        bandwidthHz: Quartiles(ok.map(\.bandwidth)),
        rates: Dictionary(grouping: ok, by: \.sampleRate).map { RateCount(hz: $0.key, clips: $0.value.count) }
            .sorted { $0.hz < $1.hz },
        sampleRates: Set(ok.map(\.sampleRate)).sorted(),
        channels: Set(ok.map(\.channels)).sorted(),
        encodings: Set(ok.map(\.encoding)).sorted())
}

private func groupDuplicates(_ hashes: [(path: String, sha256: String?)], splitNames: [String],
                             folderOrder: [String]) -> [DuplicateGroup] {
    var byHash: [String: [String]] = [:]
    for (path, hash) in hashes { if let hash { byHash[hash, default: []].append(path) } }
    let splitSet = Set(splitNames)
    return byHash.filter { $0.value.count > 1 }.map { hash, paths in
        let files = paths.sorted()
        let tops = Set(files.map { String($0.prefix { $0 != "/" }) })
        let folders = folderOrder.filter(tops.contains)
        return DuplicateGroup(sha256: hash, files: files, folders: folders,
                              crossesSplits: tops.intersection(splitSet).count > 1)
    }.sorted { $0.files[0] < $1.files[0] }
}
