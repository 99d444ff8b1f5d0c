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
        "cmp/training_accuracy.svg", "cmp/training_loss.svg",
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

private let browserPresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium-headless-shell")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")

/// `make check-charts`'s script on drawn runs: every SVG well-formed and every page rendered by the headless browser
/// to a PNG that is not blank; a chart whose drawing is gone (an empty SVG) fails it, naming the file.
@Test(.enabled(if: browserPresent, "chromium-headless-shell or xmllint missing: `make check-charts` installs them"))
func checkChartsRendersEveryChartInAHeadlessBrowserAndCatchesABlankOne() throws {
    let dir = try threeRuns()
    #expect(try SoundLabCLI.run(["charts", "runs", "--out", "charts"], directory: dir.url).status == 0)
    func check() throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [SoundLabCLI.packageRoot.appendingPathComponent("scripts/charts/check_charts.sh").path, "charts", "runs"]
        p.currentDirectoryURL = dir.url
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }
    let good = try check()
    #expect(good.status == 0, "\(good.output)")
    #expect(good.output.contains("none blank"), "\(good.output)")
    try #"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>"#.write(
        to: dir.path("charts/comparison.svg"), atomically: true, encoding: .utf8)
    let blank = try check()
    #expect(blank.status == 1 && blank.output.contains("charts/comparison.svg: blank"), "\(blank.output)")
}
