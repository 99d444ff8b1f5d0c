import Foundation
import NN
import Testing

/// The Keras reference fixtures are present, readable, and hold what the generator's manifest says.
@Test func everyFixtureMatchesTheManifest() throws {
    let manifest = try ReferenceFixture.manifest()
    #expect(manifest.fixtures.count >= 34)
    #expect(manifest.versions["keras"] == "3.15.1")
    for (name, entry) in manifest.fixtures.sorted(by: { $0.key < $1.key }) {
        let fixture = try ReferenceFixture(name)
        #expect(Set(fixture.names) == Set(entry.tensors.keys), "\(name): tensor names differ from the manifest")
        for (tensor, shape) in entry.tensors {
            let t = try fixture[tensor]
            #expect(t.shape == shape, "\(name).\(tensor)")
            #expect(t.values.count == shape.reduce(1, *))
            let finite = t.values.allSatisfy { $0.isFinite }
            #expect(finite, "\(name).\(tensor) has a non-finite value")
        }
        #expect(fixture.metadata["keras"] == "3.15.1", "\(name)")
        #expect(fixture.metadata["keras_backend"] == "jax", "\(name)")
        #expect(fixture.metadata["description"] == entry.description, "\(name)")
        // Written by the Python package (metadata keys sorted): soundlab's writer gives the same bytes.
        let bytes = try Data(contentsOf: ReferenceFixture.url(name, ext: "safetensors"))
        #expect(try fixture.file.encoded() == bytes, "\(name): re-encoding differs from the Python-written file")
    }
}

/// Every .safetensors in Fixtures/ is in the manifest (the interop files are Python-written test inputs).
@Test func noFixtureIsMissingFromTheManifest() throws {
    let manifest = try ReferenceFixture.manifest()
    let folder = try ReferenceFixture.url("manifest", ext: "json").deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { $0.hasSuffix(".safetensors") && !$0.hasPrefix("interop_") }
        .map { String($0.dropLast(".safetensors".count)) }
    #expect(Set(files) == Set(manifest.fixtures.keys))
}

/// The fixture's row-major [in, out] kernel layout reads back as Keras meant it: y = x K + b.
@Test func denseFixtureLayoutReproducesKerasOutput() throws {
    let f = try ReferenceFixture("dense")
    let x = try f.array("input"), k = try f.array("kernel"), b = try f.array("bias"), y = try f.array("output")
    let (n, inputs) = (try f.shape("input")[0], try f.shape("input")[1])
    let outputs = try f.shape("kernel")[1]
    #expect(try f.shape("kernel") == [inputs, outputs])
    var worst: Float = 0
    for i in 0..<n {
        for o in 0..<outputs {
            var s = b[o]
            for j in 0..<inputs { s += x[i * inputs + j] * k[j * outputs + o] }
            worst = max(worst, abs(s - y[i * outputs + o]))
        }
    }
    #expect(worst < 1e-5)
    // dL/db = sum over the batch of the cotangent, since L = sum(y * cotangent).
    let dy = try f.array("cotangent"), db = try f.array("grad_bias")
    for o in 0..<outputs {
        let s = (0..<n).reduce(Float(0)) { $0 + dy[$1 * outputs + o] }
        #expect(abs(s - db[o]) < 1e-5)
    }
}

/// The whole-model fixture's closed-form inputs and weights are bit-identical when Swift computes them.
@Test func closedFormModelInitIsBitIdenticalToTheGenerator() throws {
    let f = try ReferenceFixture("cnn1d_adam_steps")
    // x[i] = float32(sin(0.731 * i + 0.25)) over [8, 500, 128]; the fixture keeps every 4099th value.
    let inputSample = try f.array("initial_input_sample")
    #expect(inputSample.count == (8 * 500 * 128 + 4098) / 4099)
    for (k, stored) in inputSample.enumerated() {
        let i = Double(k * 4099)
        #expect(Float(sin(0.731 * i + 0.25)).bitPattern == stored.bitPattern, "input[\(k * 4099)]")
    }
    // dense_1 kernel: w[i] = float32(0.02 * sin(0.37 * i + 1.3 * 2)); every 1009th value kept.
    let kernelSample = try f.array("initial_dense_1_kernel_sample")
    #expect(kernelSample.count == (7872 * 128 + 1008) / 1009)
    for (k, stored) in kernelSample.enumerated() {
        let i = Double(k * 1009)
        #expect(Float(0.02 * sin(0.37 * i + 1.3 * 2)).bitPattern == stored.bitPattern, "w[\(k * 1009)]")
    }
    #expect(f.metadata["init"]?.contains("sin(0.37 * i + 1.3 * layer)") == true)
    let losses = try f.array("loss_before_step")
    #expect(losses.count == 5)
    #expect(abs(losses[0] - Float(log(10.0))) < 0.05, "first loss should be near ln 10 for a fresh 10-class model")
}
