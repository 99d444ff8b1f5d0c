import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RunStore
import Testing

/// Runs `alpha` (two seeds, per-class F1 0.7 and 0.8) and `beta` (per-class F1 0.8).
private func threeRuns() throws -> ScratchDirectory {
    let dir = try ScratchDirectory("charts")
    let runs = dir.path("runs")
    try RunFixtures.write(in: runs, folder: "alpha", experiment: "alpha", seed: 1, RunFixtures.alpha)
    try RunFixtures.write(in: runs, folder: "alpha-s2", experiment: "alpha", seed: 2, RunFixtures.alphaSeed2)
    try RunFixtures.write(in: runs, folder: "beta", experiment: "beta", seed: 1, RunFixtures.beta)
    return dir
}

@Test func chartsRedrawsEveryRunAndWritesTheComparisonsWithPerClassMeansOverSeeds() throws {
    let dir = try threeRuns()
    for run in ["alpha", "alpha-s2", "beta"] { try FileManager.default.removeItem(at: dir.path("runs/\(run)/charts")) }
    let result = try SoundLabCLI.run(["charts", "runs", "--out", "cmp"], directory: dir.url)
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.split(separator: "\n").map { String($0.split(separator: "/").suffix(2).joined(separator: "/")) } == [
        "alpha/charts", "alpha-s2/charts", "beta/charts", "cmp/comparison.svg", "cmp/confusion_alpha.svg", "cmp/confusion_beta.svg",
        "cmp/index.html", "cmp/per_class_f1.svg", "cmp/precision_per_class.svg", "cmp/recall_per_class.svg",
    ])
    // The index is well-formed XHTML naming every comparison chart and each run's charts by a path that exists.
    let index = try XMLDocument(contentsOf: dir.path("cmp/index.html"), options: [])
    let sources = try index.nodes(forXPath: "//*[local-name()='img']/@src").compactMap { $0.stringValue }
    for file in ["comparison.svg", "per_class_f1.svg", "confusion_alpha.svg", "../runs/alpha-s2/charts/learning_rate.svg"] {
        #expect(sources.contains(file), "\(sources)")
    }
    for src in sources { #expect(FileManager.default.fileExists(atPath: dir.path("cmp").appendingPathComponent(src).path), "\(src)") }
    for run in ["alpha", "alpha-s2", "beta"] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("runs/\(run)/charts").path)
        #expect(files.filter { $0.hasSuffix(".svg") }.count >= 3, "\(run): \(files)")
    }
    let perClass = try dir.read("cmp/per_class_f1.svg")
    // alpha's two seeds average 0.7 and 0.8; beta has one run at 0.8.
    #expect(perClass.contains("Cat — alpha (n=2): 0.750"), "\(perClass.prefix(400))")
    #expect(perClass.contains("Dog — alpha (n=2): 0.750"))
    #expect(perClass.contains("Dog — beta (n=1): 0.800"))
    #expect(!perClass.contains("alpha-s2"))
    #expect(try dir.read("cmp/comparison.svg").contains("alpha"))
}

@Test func chartsOfAnEmptyOrMissingRunsFolderIsABadInputError() throws {
    let dir = try ScratchDirectory("charts-empty")
    try FileManager.default.createDirectory(at: dir.path("runs"), withIntermediateDirectories: true)
    let empty = try SoundLabCLI.run(["charts", "runs"], directory: dir.url)
    expectNoCrash(empty)
    #expect(empty.status == 2)
    #expect(empty.stderr == "error: no finished run in runs\n")
    #expect(!dir.exists("charts"))
    let missing = try SoundLabCLI.run(["charts", "nope"], directory: dir.url)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nope"), "\(missing.stderr)")
}
