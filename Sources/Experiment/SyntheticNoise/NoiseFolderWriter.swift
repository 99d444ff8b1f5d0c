import AtomicIO
import AudioFeatures
import Augment
import Foundation
import RunStore

/// Writes synthetic noise clips as `<type>-<k>.wav` files into a folder, one subfolder per type when several
/// types are asked for. A new folder appears whole or not at all (written beside it, then renamed into place),
/// so an interrupted run leaves nothing that looks finished; an existing non-empty folder is written into only
/// when forced, replacing clips of the same names and leaving other files alone.
public struct NoiseFolderWriter: Sendable {
    /// The types to write; with more than one, each goes to its own subfolder named after it.
    public var types: [NoiseType]
    /// Clips per type, numbered from 1.
    public var clips: Int
    /// Samples per clip.
    public var samples: Int
    /// Sample rate in Hz.
    public var sampleRate: Int
    /// The seed every clip's generator derives from.
    public var seed: UInt64

    /// Clips of `types` with the given size and seed.
    public init(types: [NoiseType], clips: Int, samples: Int, sampleRate: Int, seed: UInt64) {
        self.types = types
        self.clips = clips
        self.samples = samples
        self.sampleRate = sampleRate
        self.seed = seed
    }

    /// Writes every clip under `folder`; `progress` hears one line per finished type.
    public func write(to folder: URL, force: Bool,
                      progress: (String) -> Void = { _ in }) throws(SyntheticNoiseError) {
        let folder = folder.standardizedFileURL
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: folder.path, isDirectory: &isDir)
        if exists && !isDir.boolValue { throw SyntheticNoiseError("\(folder.path) exists and is not a folder") }
        let isEmpty = !exists || ((try? fm.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? false)
        if !isEmpty && !force {
            throw SyntheticNoiseError("\(folder.path) is not empty; choose another --out or pass --force to write "
                + "into it (clips of the same names are replaced)")
        }
        if !isEmpty {
            try writeClips(into: folder, progress: progress, shownAs: folder)
            return
        }
        let parent = folder.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw SyntheticNoiseError("\(parent.path): \(FileSystemReason.describe(error))", kind: .failure)
        }
        let staging = parent.appendingPathComponent(".tmp-noise-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do throws(SyntheticNoiseError) {
            try writeClips(into: staging, progress: progress, shownAs: folder)
            // rename(2) also replaces an empty folder, so an empty --out is filled in one step too.
            guard rename(staging.path, folder.path) == 0 else {
                throw SyntheticNoiseError("\(folder.path): \(String(cString: strerror(errno)))", kind: .failure)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    private func writeClips(into root: URL, progress: (String) -> Void, shownAs shown: URL) throws(SyntheticNoiseError) {
        let seconds = Double(samples) / Double(sampleRate)
        for type in types {
            let dir = types.count > 1 ? root.appendingPathComponent(type.rawValue) : root
            for k in 1...clips {
                let clip = SyntheticNoise.clip(type, number: k, count: samples, sampleRate: sampleRate, seed: seed)
                do {
                    try WAVWriter.write(clip, sampleRate: sampleRate,
                                        to: dir.appendingPathComponent("\(type.rawValue)-\(k).wav"), createFolder: true)
                } catch {
                    throw .write(error)
                }
            }
            let place = types.count > 1 ? shown.appendingPathComponent(type.rawValue) : shown
            progress("\(type.rawValue): \(clips) clip\(clips == 1 ? "" : "s") of \(String(format: "%g", seconds)) s "
                + "at \(sampleRate) Hz in \(place.path)")
        }
    }
}
