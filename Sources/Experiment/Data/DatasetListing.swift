import AudioFeatures
import Foundation

/// Folder names a dataset is laid out with: `<root>/<split>/<Class>/*.wav` and `<root>/<noise>/<kind>/*.wav`.
public struct DatasetLayout: Sendable, Equatable {
    /// Split folder names, in the order reports list them.
    public var splits: [String]
    /// Folder holding background-noise kinds; optional on disk.
    public var noiseFolder: String

    /// The project's layout: `Training`, `Test` and `Noise`.
    public init(splits: [String] = ["Training", "Test"], noiseFolder: String = "Noise") {
        self.splits = splits
        self.noiseFolder = noiseFolder
    }
}

/// One audio file of the dataset, with its path relative to the dataset root ("Training/Cat/a.wav").
public struct DatasetFile: Sendable, Hashable {
    /// Absolute location.
    public var url: URL
    /// Path below the dataset root, `/`-separated; stable across machines, used in reports.
    public var relativePath: String
}

/// A class folder inside one split.
public struct DatasetClass: Sendable, Equatable {
    /// Folder name, which is the class name.
    public var name: String
    /// Index of `name` in `DatasetListing.classNames`.
    public var label: Int
    /// Audio files, sorted by name.
    public var files: [DatasetFile]
}

/// One split (`Training`, `Test`, ...): its classes in label order.
public struct DatasetSplit: Sendable, Equatable {
    /// Folder name of the split.
    public var name: String
    /// Class folders present in this split, sorted by label.
    public var classes: [DatasetClass]

    /// Number of audio files over all classes.
    public var fileCount: Int { classes.reduce(0) { $0 + $1.files.count } }

    /// Every file with its label, class by class, files in name order.
    public var examples: [(file: DatasetFile, label: Int)] {
        classes.flatMap { c in c.files.map { (file: $0, label: c.label) } }
    }

    /// The class folder called `name`, if this split has one.
    public func `class`(named name: String) -> DatasetClass? { classes.first { $0.name == name } }
}

/// One kind of background noise (`Noise/wind`, or `Noise/synthetic/rain` in a folder grouping kinds).
public struct NoiseKind: Sendable, Equatable {
    /// Path of the kind's folder below the noise folder (`wind`, `synthetic/rain`).
    public var name: String
    /// Audio files, sorted by name.
    public var files: [DatasetFile]
}

/// What a dataset folder holds, in a deterministic order: the input of both the audit and the data pipeline.
public struct DatasetListing: Sendable, Equatable {
    /// The dataset folder.
    public var root: URL
    /// The layout the folder was read with.
    public var layout: DatasetLayout
    /// Union of the class folder names over all splits, sorted; a class's index is its label.
    public var classNames: [String]
    /// Splits in layout order.
    public var splits: [DatasetSplit]
    /// Noise kinds sorted by path; empty when there is no noise folder.
    public var noise: [NoiseKind]
    /// Defects that leave the listing readable but the dataset unfit for training, in a stable order.
    public var problems: [DatasetError]

    /// Reads `root`; throws `DatasetError.missingFolder` / `.noClassFolders` when there is nothing to list.
    public static func scan(_ root: URL, layout: DatasetLayout = DatasetLayout()) throws(DatasetError) -> DatasetListing {
        let root = root.standardizedFileURL
        guard isDirectory(root) else { throw .missingFolder(path: root.path) }

        var classFolders: [(split: String, classes: [String])] = []
        for split in layout.splits {
            let folder = root.appendingPathComponent(split)
            guard isDirectory(folder) else { throw .missingFolder(path: folder.path) }
            let classes = entries(of: folder).filter { isDirectory(folder.appendingPathComponent($0)) }
            guard !classes.isEmpty else { throw .noClassFolders(path: folder.path) }
            classFolders.append((split, classes))
        }

        let classNames = Set(classFolders.flatMap(\.classes)).sorted()
        let label = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        var problems: [DatasetError] = []
        var splits: [DatasetSplit] = []
        for (split, classes) in classFolders {
            let present = Set(classes)
            for name in classNames where !present.contains(name) {
                let others = classFolders.filter { $0.classes.contains(name) }.map(\.split)
                problems.append(.classMissingFromSplit(className: name, split: split, presentIn: others))
            }
            var listed: [DatasetClass] = []
            for name in classes.sorted() {
                let folder = root.appendingPathComponent(split).appendingPathComponent(name)
                let files = audioFiles(in: folder, relativeTo: "\(split)/\(name)")
                if files.isEmpty {
                    problems.append(.emptyClass(split: split, className: name, path: folder.path))
                }
                listed.append(DatasetClass(name: name, label: label[name]!, files: files))
            }
            splits.append(DatasetSplit(name: split, classes: listed))
        }

        let noiseRoot = root.appendingPathComponent(layout.noiseFolder)
        let noise = isDirectory(noiseRoot)
            ? noiseKinds(in: noiseRoot, named: "", prefix: layout.noiseFolder, depth: 0).sorted { $0.name < $1.name } : []
        return DatasetListing(root: root, layout: layout, classNames: classNames, splits: splits,
                              noise: noise, problems: problems)
    }

    /// Label of a class name, if the dataset has that class.
    public func label(of className: String) -> Int? { classNames.firstIndex(of: className) }

    /// The split called `name`, if the layout has one.
    public func split(named name: String) -> DatasetSplit? { splits.first { $0.name == name } }

    /// Number of class audio files over all splits (noise excluded).
    public var fileCount: Int { splits.reduce(0) { $0 + $1.fileCount } }

    /// Number of noise files over all kinds.
    public var noiseFileCount: Int { noise.reduce(0) { $0 + $1.files.count } }

    /// Throws the first problem, so training refuses an incomplete dataset that an audit merely reports.
    public func requireComplete() throws(DatasetError) {
        if let first = problems.first { throw first }
    }
}

// MARK: - File system

private func isDirectory(_ url: URL) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
}

/// Visible entry names of a folder, sorted so every machine lists them in the same order.
private func entries(of folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
}

/// The noise kinds below `folder`: every folder that holds audio files, or holds nothing at all (an empty
/// kind), named by its path below the noise folder ("wind", "synthetic/rain"). A folder holding only folders
/// just groups kinds (`make noise` writes `Noise/synthetic/<type>/`) and is not a kind itself. Folders deeper
/// than `maxNoiseDepth` are not looked into, so a symbolic link back up the tree cannot loop.
private func noiseKinds(in folder: URL, named name: String, prefix: String, depth: Int) -> [NoiseKind] {
    var kinds: [NoiseKind] = []
    let subfolders = depth < maxNoiseDepth ? entries(of: folder).filter { isDirectory(folder.appendingPathComponent($0)) } : []
    if !name.isEmpty {
        let files = audioFiles(in: folder, relativeTo: "\(prefix)/\(name)")
        if !files.isEmpty || subfolders.isEmpty { kinds.append(NoiseKind(name: name, files: files)) }
    }
    for sub in subfolders {
        kinds += noiseKinds(in: folder.appendingPathComponent(sub), named: name.isEmpty ? sub : "\(name)/\(sub)",
                            prefix: prefix, depth: depth + 1)
    }
    return kinds
}

private let maxNoiseDepth = 4

private func audioFiles(in folder: URL, relativeTo prefix: String) -> [DatasetFile] {
    entries(of: folder).compactMap { name in
        let url = folder.appendingPathComponent(name)
        guard AudioDecoder.isAudioFile(url), !isDirectory(url) else { return nil }
        return DatasetFile(url: url, relativePath: "\(prefix)/\(name)")
    }
}
