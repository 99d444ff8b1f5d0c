import Foundation
import ModelFormats
import Testing

/// The repository root, found from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The fixtures folder in the test bundle.
func fixturesFolder() throws -> URL {
    try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
}

/// The bytes of `Fixtures/ops/<name>.tflite`.
func opModelBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: try fixturesFolder().appendingPathComponent("ops/\(name).tflite")))
}

/// One value of an op fixture, as the generator wrote it (complex values interleaved re, im).
struct FixtureValue: Decodable {
    let type: String
    let shape: [Int]
    let values: [Double]

    var asValue: TFLiteValue {
        switch type {
        case "int32": .int32(HostArray(shape: shape, values: values.map { Int32($0) }))
        case "complex64":
            .complex64(HostArray(shape: shape, values: stride(from: 0, to: values.count, by: 2).map {
                Complex64(re: Float(values[$0]), im: Float(values[$0 + 1]))
            }))
        default: .float32(.init(shape: shape, data: values.map { Float($0) }))
        }
    }
}

/// `Fixtures/ops/<name>.json`: the inputs, TFLite's outputs, and the ops the converter put in the model.
struct OpFixture: Decodable {
    let name: String
    let ops: [String]
    let inputs: [FixtureValue]
    let outputs: [FixtureValue]

    static func load(_ name: String) throws -> OpFixture {
        let data = try Data(contentsOf: try fixturesFolder().appendingPathComponent("ops/\(name).json"))
        return try JSONDecoder().decode(OpFixture.self, from: data)
    }

    /// Every op fixture's name.
    static var all: [String] {
        guard let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("ops").path) else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// The elements of a value widened to Double (complex interleaved), for comparisons.
func flat(_ v: TFLiteValue) -> [Double] {
    switch v {
    case let .float32(t): t.scalars.map(Double.init)
    case let .int32(a): a.values.map(Double.init)
    case let .complex64(a): a.values.flatMap { [Double($0.re), Double($0.im)] }
    }
}

/// Little-endian float32 file of the BirdNET fixtures.
func floats(_ url: URL) throws -> [Float] {
    let data = try Data(contentsOf: url)
    return data.withUnsafeBytes { raw in
        (0..<data.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
    }
}
