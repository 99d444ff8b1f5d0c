import Foundation
import NN

/// A reference fixture written by scripts/reference/make_fixtures.py (Keras 3 + JAX), loaded from the test
/// bundle. See Tests/NNTests/Fixtures/README.md for what each fixture holds.
///
///     let f = try ReferenceFixture("conv1d_s2_valid")
///     let x = try f.array("input"), xShape = try f.shape("input")
struct ReferenceFixture {
    struct Missing: Error, CustomStringConvertible {
        let fixture: String
        let tensor: String
        var description: String { "fixture \(fixture): no tensor '\(tensor)'" }
    }

    struct NotFound: Error, CustomStringConvertible {
        let fixture: String
        var description: String { "fixture \(fixture).safetensors is not in the NNTests bundle's Fixtures/" }
    }

    let name: String
    let file: SafetensorsFile

    /// Loads `Fixtures/<name>.safetensors`.
    init(_ name: String) throws {
        self.name = name
        file = try SafetensorsFile.read(from: try Self.url(name, ext: "safetensors"))
    }

    /// The tensor's values, row-major, as Float32.
    func array(_ tensor: String) throws -> [Float] { try self[tensor].values }

    /// The tensor's shape (Keras layout, channels last).
    func shape(_ tensor: String) throws -> [Int] { try self[tensor].shape }

    /// A scalar tensor's single value (for losses).
    func scalar(_ tensor: String) throws -> Float {
        let t = try self[tensor]
        guard t.values.count == 1 else { throw Missing(fixture: name, tensor: "\(tensor) as a scalar") }
        return t.values[0]
    }

    subscript(tensor: String) -> SafetensorsTensor {
        get throws {
            guard let t = file[tensor] else { throw Missing(fixture: name, tensor: tensor) }
            return t
        }
    }

    /// Tensor names in the file.
    var names: [String] { file.names }

    /// The generator's `__metadata__` (versions, description, layer config as JSON).
    var metadata: [String: String] { file.metadata }

    /// URL of a file in the bundle's Fixtures folder.
    static func url(_ name: String, ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw NotFound(fixture: "\(name).\(ext)")
        }
        return url
    }

    /// The generator's manifest: fixture name -> tensor name -> shape, plus the versions that wrote them.
    struct Manifest: Decodable {
        struct Entry: Decodable {
            let description: String
            let tensors: [String: [Int]]
        }
        let versions: [String: String]
        let fixtures: [String: Entry]
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url("manifest", ext: "json")))
    }
}
