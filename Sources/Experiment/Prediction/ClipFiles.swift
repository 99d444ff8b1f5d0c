import AudioFeatures
import Foundation

/// The clips `predict` is given: files as named, folders walked recursively for the files the front end
/// reads (`AudioDecoder.isAudioFile`: a `.wav` extension in any case), each folder's clips in path order.
public enum ClipFiles {
    /// The clips of `arguments` with the path each is shown under; a missing argument is an error.
    public static func find(_ arguments: [String]) throws -> (urls: [URL], paths: [String]) {
        var urls: [URL] = [], paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw DataError("\(argument): no such file or folder")
            }
            guard isDirectory.boolValue else {
                urls.append(URL(fileURLWithPath: argument))
                paths.append(argument)
                continue
            }
            let base = URL(fileURLWithPath: argument, isDirectory: true)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isDirectoryKey],
                                                              options: [.skipsHiddenFiles]) else {
                throw DataError("\(argument): cannot list the folder")
            }
            var found: [String] = []
            for case let url as URL in walker where AudioDecoder.isAudioFile(url) {
                if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count)
                    .drop { $0 == "/" })
                found.append(relative)
            }
            let prefix = argument.hasSuffix("/") ? argument : argument + "/"
            for relative in found.sorted() {
                urls.append(base.appendingPathComponent(relative))
                paths.append(prefix + relative)
            }
        }
        return (urls, paths)
    }
}
