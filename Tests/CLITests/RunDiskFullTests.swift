import Foundation
import Testing

/// A run that cannot write (here a file-size limit, `ulimit -f`, which fails writes as a full disk does) stops with
/// one line naming the file and exit 1, leaves no run folder or temporary folder, and the same command without the
/// limit then trains to the numbers of an uninterrupted run. Without SIGXFSZ ignored the limit killed soundlab
/// with no word (exit 153).
@Test func aRunThatCannotWriteFailsCleanlyAndLeavesNothingHalfWritten() throws {
    let prlimit = URL(fileURLWithPath: "/usr/bin/prlimit")
    try #require(FileManager.default.isExecutableFile(atPath: prlimit.path), "needs prlimit (util-linux)")
    let reference = try ReferenceRun.get()
    let scratch = reference.scratch
    let arguments = ["run", "small.yaml", "--runs", "full", "--cache", "cache-full"]
    let p = Process()
    p.executableURL = prlimit
    p.arguments = ["--fsize=65536", try SoundLabCLI.binary().path] + arguments
    p.currentDirectoryURL = scratch.root
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 1, "status \(p.terminationStatus): \(stderr)")
    let last = stderr.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasPrefix("error: ") && last.contains("File too large"), "\(stderr)")
    #expect(!scratch.exists("full/small"))
    let left = (try? FileManager.default.contentsOfDirectory(atPath: scratch.url("full").path)) ?? []
    #expect(left.filter { $0.hasPrefix(".tmp-") }.isEmpty, "\(left)")

    let again = try scratch.run(arguments)
    #expect(again.status == 0, "stderr: \(again.stderr)")
    try expectSameMetrics(reference.folder, scratch.url("full/small"))
}
