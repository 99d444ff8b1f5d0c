import Foundation

/// Lexical path handling, so messages show paths the way the user wrote them (`experiments/base.yaml`),
/// not absolute or symlink-resolved ones.
enum ConfigPaths {
    /// `relative` resolved against the directory holding `file`, with `.` and `..` folded where possible.
    static func resolve(_ relative: String, besides file: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        let directory = (file as NSString).deletingLastPathComponent
        return normalize(directory.isEmpty ? relative : directory + "/" + relative)
    }

    /// Joins path parts, dropping empty ones; an absolute part starts over (so an absolute `data.root` is kept).
    static func join(_ parts: String...) -> String {
        let kept = parts.lastIndex { $0.hasPrefix("/") }.map { Array(parts[$0...]) } ?? parts
        return normalize(kept.filter { !$0.isEmpty }.joined(separator: "/"))
    }

    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(String(part))
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The identity of a file for cycle detection: absolute, symlinks resolved.
    static func identity(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// The file name without directory or extension: the default experiment name.
    static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
