import AudioFeatures
import Foundation
import Testing

/// The files `soundlab noise` left in `dir`, sorted.
private func listing(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
}

private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

@Test func noiseWritesTheClipsAsDecodableWAVsAtTheTargetLevel() throws {
    let scratch = try ScratchDirectory("noise")
    let out = scratch.path("deep/rain")
    let result = try SoundLabCLI.run(["noise", "rain", "--out", out.path, "--clips", "3", "--seconds", "1.5",
                                      "--sample-rate", "8000", "--seed", "4"])
    expectNoCrash(result)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == "rain: 3 clips of 1.5 s at 8000 Hz in \(out.path)\n")
    #expect(listing(out) == ["rain-1.wav", "rain-2.wav", "rain-3.wav"])
    #expect(listing(scratch.path("deep")) == ["rain"])  // nothing left beside it
    for name in listing(out) {
        let audio = try AudioDecoder.decode(out.appendingPathComponent(name))
        #expect(audio.sampleRate == 8_000 && audio.channels == 1 && audio.encoding == "PCM 16-bit")
        #expect(audio.samples.count == 12_000)
        let rms = (audio.samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(audio.samples.count)).squareRoot()
        #expect(abs(rms - 0.05) < 1e-3 * 0.05, "\(name): rms \(rms)")
    }
}

@Test func noiseIsTheSameForASeedAndClipKDoesNotDependOnTheClipCount() throws {
    let scratch = try ScratchDirectory("noise")
    func write(_ folder: String, _ extra: [String]) throws -> URL {
        let out = scratch.path(folder)
        let result = try SoundLabCLI.run(["noise", "babble", "--out", out.path, "--seconds", "1"] + extra)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return out
    }
    let two = try write("two", ["--clips", "2", "--seed", "9"])
    let again = try write("again", ["--clips", "2", "--seed", "9"])
    let five = try write("five", ["--clips", "5", "--seed", "9"])
    let other = try write("other", ["--clips", "2", "--seed", "10"])
    #expect(listing(five).count == 5)
    for k in 1...2 {
        let name = "babble-\(k).wav"
        #expect(try bytes(two.appendingPathComponent(name)) == bytes(again.appendingPathComponent(name)))
        #expect(try bytes(two.appendingPathComponent(name)) == bytes(five.appendingPathComponent(name)))
        #expect(try bytes(two.appendingPathComponent(name)) != bytes(other.appendingPathComponent(name)))
    }
    #expect(try bytes(two.appendingPathComponent("babble-1.wav")) != bytes(two.appendingPathComponent("babble-2.wav")))
}

@Test func noiseAllWritesOneSubfolderPerTypeWithTheSameClipsAsOneType() throws {
    let scratch = try ScratchDirectory("noise")
    let all = scratch.path("all")
    let result = try SoundLabCLI.run(["noise", "all", "--out", all.path, "--clips", "2", "--seconds", "0.5"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let types = ["babble", "engine", "hum", "rain", "stream"]
    #expect(listing(all) == types)
    for type in types { #expect(listing(all.appendingPathComponent(type)) == ["\(type)-1.wav", "\(type)-2.wav"]) }
    #expect(result.stdout.split(separator: "\n").count == types.count)

    let hum = scratch.path("hum")
    #expect(try SoundLabCLI.run(["noise", "hum", "--out", hum.path, "--clips", "1", "--seconds", "0.5"]).status == 0)
    #expect(try bytes(hum.appendingPathComponent("hum-1.wav")) == bytes(all.appendingPathComponent("hum/hum-1.wav")))
}

@Test func noiseOfAnUnknownTypeIsOneLineListingTheTypesAndExitsTwo() throws {
    let scratch = try ScratchDirectory("noise")
    let out = scratch.path("x")
    let result = try SoundLabCLI.run(["noise", "rainy", "--out", out.path])
    expectNoCrash(result)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderrLines == ["error: unknown noise type 'rainy'; valid types: rain, babble, engine, stream, hum, all"])
    #expect(!scratch.exists("x"))
}

@Test func noiseRefusesAFolderThatIsNotEmptyUnlessForced() throws {
    let scratch = try ScratchDirectory("noise")
    try scratch.write("my recording\n", to: "out/keep.wav")
    let out = scratch.path("out")
    let refused = try SoundLabCLI.run(["noise", "hum", "--out", out.path, "--clips", "2", "--seconds", "0.5"])
    expectNoCrash(refused)
    #expect(refused.status == 2)
    #expect(refused.stderrLines.count == 1)
    #expect(refused.stderr.hasPrefix("error: \(out.path) is not empty"))
    #expect(refused.stderr.contains("--force"))
    #expect(listing(out) == ["keep.wav"])

    let forced = try SoundLabCLI.run(["noise", "hum", "--out", out.path, "--clips", "2", "--seconds", "0.5", "--force"])
    #expect(forced.status == 0, "stderr: \(forced.stderr)")
    #expect(listing(out) == ["hum-1.wav", "hum-2.wav", "keep.wav"])
    #expect(try scratch.read("out/keep.wav") == "my recording\n")

    // An empty folder is filled without --force.
    try FileManager.default.createDirectory(at: scratch.path("empty"), withIntermediateDirectories: true)
    let empty = try SoundLabCLI.run(["noise", "engine", "--out", scratch.path("empty").path, "--clips", "1", "--seconds", "0.5"])
    #expect(empty.status == 0, "stderr: \(empty.stderr)")
    #expect(listing(scratch.path("empty")) == ["engine-1.wav"])
}

@Test func noiseRejectsOutOfRangeNumbersWithOneLine() throws {
    let scratch = try ScratchDirectory("noise")
    let cases: [([String], String)] = [
        (["--clips", "0"], "error: --clips must be at least 1, got 0"),
        (["--seconds", "0"], "error: --seconds must be in (0, 120], got 0.0"),
        (["--seconds", "121"], "error: --seconds must be in (0, 120], got 121.0"),
        (["--sample-rate", "4000"], "error: --sample-rate must be in 8000...48000, got 4000"),
    ]
    for (extra, message) in cases {
        let result = try SoundLabCLI.run(["noise", "hum", "--out", scratch.path("x").path] + extra)
        #expect(result.status == 2, "\(extra)")
        #expect(result.stderrLines == [Substring(message)], "\(extra)")
    }
    #expect(!scratch.exists("x"))
}
