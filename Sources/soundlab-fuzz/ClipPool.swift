import Foundation

/// The dataset's clips the WAV cases start from: every one, and the MP3-in-WAV ones apart (the `fact` and
/// MP3 kinds need them).
struct ClipPool {
    let root: URL
    let all: [String]
    let mp3: [String]

    /// Lists `<root>/Animals_Sounds/**/*.wav`, sorted, so a seed picks the same clips on every machine; the
    /// clips `make noise` generates (Noise/synthetic/, git-ignored) are left out, or the pool would depend on
    /// whether it ran.
    init(root: URL) throws {
        self.root = root
        let base = root.appendingPathComponent("Animals_Sounds")
        guard let walker = FileManager.default.enumerator(atPath: base.path) else {
            throw FuzzError("no Animals_Sounds folder under \(root.path)")
        }
        var all: [String] = [], mp3: [String] = []
        for case let path as String in walker where path.lowercased().hasSuffix(".wav") && !path.hasPrefix("Noise/synthetic/") {
            let relative = "Animals_Sounds/" + path
            all.append(relative)
            if let head = FileHandle(forReadingAtPath: root.appendingPathComponent(relative).path)?.readData(ofLength: 64),
               let file = RIFFFile([UInt8](head)), file.fmt16(RIFFFile.formatTag) == 0x55 {
                mp3.append(relative)
            }
        }
        guard !all.isEmpty, !mp3.isEmpty else { throw FuzzError("Animals_Sounds holds no WAV (or no MP3-in-WAV) clip") }
        self.all = all.sorted()
        self.mp3 = mp3.sorted()
    }

    /// The bytes of `relative`.
    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(relative)))
    }
}

/// A harness failure (bad option, missing folder), as opposed to a finding.
struct FuzzError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
