import AudioFeatures
import Foundation
import Testing

@Test func writtenWAVDecodesToTheSamplesWithinHalfAStep() throws {
    let samples: [Float] = (0..<1_000).map { Float(sin(Double($0) / 7)) * 0.8 } + [0, 1, -1, 2, -2, .nan]
    let bytes = WAVWriter.pcm16Mono(samples, sampleRate: 22_050)
    let audio = try AudioDecoder.decode(bytes, path: "mem.wav")
    #expect(audio.sampleRate == 22_050 && audio.channels == 1 && audio.encoding == "PCM 16-bit")
    #expect(audio.samples.count == samples.count)
    for (a, b) in zip(audio.samples.prefix(1_000), samples) { #expect(abs(a - b) <= 0.5 / 32_768) }
    // Out of range clamps to full scale; NaN becomes silence.
    #expect(Array(audio.samples.suffix(6)) == [0, Float(32_767) / 32_768, -1, Float(32_767) / 32_768, -1, 0])
}

@Test func int16SamplesAreWrittenAsTheyAreBehindAPlainHeader() {
    let bytes = [UInt8](WAVWriter.pcm16Mono([0, 1, -1, .max, .min] as [Int16], sampleRate: 16_000))
    #expect(bytes.count == 44 + 10)
    #expect(Array(bytes[0..<4]) == Array("RIFF".utf8) && Array(bytes[8..<16]) == Array("WAVEfmt ".utf8))
    #expect(Array(bytes[4..<8]) == [46, 0, 0, 0])                         // RIFF size: 36 + data
    #expect(Array(bytes[20..<24]) == [1, 0, 1, 0])                        // PCM, mono
    #expect(Array(bytes[24..<28]) == [0x80, 0x3E, 0, 0])                  // 16000 Hz
    #expect(Array(bytes[32..<36]) == [2, 0, 16, 0])                       // 2-byte frames of 16 bits
    #expect(Array(bytes[36..<44]) == Array("data".utf8) + [10, 0, 0, 0])
    #expect(Array(bytes[44...]) == [0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x80])
}

@Test func writeIsAtomicAndRefusesAMissingFolderUnlessAsked() throws {
    let dir = try temporaryDirectory("wavwriter")
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("a.wav")
    try WAVWriter.write([0.25, -0.25], sampleRate: 8_000, to: url)
    #expect(try Data(contentsOf: url) == WAVWriter.pcm16Mono([0.25, -0.25] as [Float], sampleRate: 8_000))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.wav"])  // no temporary left
    let nested = dir.appendingPathComponent("x/b.wav")
    #expect(throws: (any Error).self) { try WAVWriter.write([0], sampleRate: 8_000, to: nested) }
    try WAVWriter.write([0], sampleRate: 8_000, to: nested, createFolder: true)
    #expect(FileManager.default.fileExists(atPath: nested.path))
}
