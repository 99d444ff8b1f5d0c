import Foundation

/// The clips of one evaluation set, labelled with the model's classes: its folder listed, its class folders
/// renamed by `map`, the ones mapped to null left out. Everything a set could get wrong about classes is an
/// error here, before any model runs: a folder class the model does not know, a `map` entry naming a folder
/// the set does not have or a class the model does not have, and a set left with no clip at all.
struct EvaluationClips {
    /// The set's folder on disk.
    let folder: URL
    /// Clip files, in listing order.
    let urls: [URL]
    /// Paths as `split.csv` shows them (the set folder's last component, class, file).
    let files: [String]
    /// Model class index of each clip.
    let labels: [Int]
    /// Model classes the set holds at least one clip of, in model order.
    let heldClasses: [String]
    /// Folder classes `map` leaves out.
    let leftOut: [String]

    /// The set's folder: absolute, or under the data root.
    static func folder(of set: EvaluationSet, root: URL) -> URL {
        set.path.hasPrefix("/") ? URL(fileURLWithPath: set.path) : root.appendingPathComponent(set.path)
    }

    /// Lists `set` against the model's `classes`. With `partialModel` (the experiment chose `data.classes`) a
    /// folder class outside them is left out on purpose, not an error.
    static func resolve(_ set: EvaluationSet, root: URL, classes: [String], partialModel: Bool = false) throws -> EvaluationClips {
        let folder = folder(of: set, root: root).standardizedFileURL
        let where_ = "evaluation set '\(set.name)' (\(set.path))"
        let listing = try DatasetListing.scan(folder.deletingLastPathComponent(),
                                              layout: DatasetLayout(splits: [folder.lastPathComponent], noiseFolder: "\u{0}"))
        guard let split = listing.split(named: folder.lastPathComponent) else { throw DataError("no folder \(folder.path)") }
        let folderClasses = split.classes.map(\.name)
        for rename in set.map {
            guard folderClasses.contains(rename.from) else {
                throw DataError("\(where_): map names class folder '\(rename.from)', which the set does not have "
                                + "(its folders: \(folderClasses.joined(separator: ", ")))" + Suggestion.hint(for: rename.from, in: folderClasses))
            }
            if let to = rename.to, !classes.contains(to) {
                throw DataError("\(where_): map sends '\(rename.from)' to '\(to)', which is not a class of the model "
                                + "(its classes: \(classes.joined(separator: ", ")))" + Suggestion.hint(for: to, in: classes))
            }
        }
        let unknown = folderClasses.filter { name in set.modelClass(of: name).map { !classes.contains($0) } ?? false }
        if !unknown.isEmpty && !partialModel {
            throw DataError("\(where_) holds class \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which the model was not "
                            + "trained on (its classes: \(classes.joined(separator: ", "))); rename it with map: {\(unknown[0]): <class>} "
                            + "or leave it out with map: {\(unknown[0]): null}")
        }
        var urls: [URL] = [], files: [String] = [], labels: [Int] = []
        for example in split.examples {
            guard let target = set.modelClass(of: split.classes[example.label].name), let label = classes.firstIndex(of: target) else { continue }
            urls.append(example.file.url)
            files.append(example.file.relativePath)
            labels.append(label)
        }
        guard !labels.isEmpty else {
            throw DataError("\(where_) has no clip of a class the model knows (its folders: \(folderClasses.joined(separator: ", ")); "
                            + "the model's classes: \(classes.joined(separator: ", ")))")
        }
        let held = Set(labels)
        return EvaluationClips(folder: folder, urls: urls, files: files, labels: labels,
                               heldClasses: classes.indices.filter { held.contains($0) }.map { classes[$0] },
                               leftOut: folderClasses.filter { set.modelClass(of: $0) == nil })
    }
}
