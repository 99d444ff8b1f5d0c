import Foundation
import ModelFormats
import Testing

/// Every op fixture (a tiny model made by TFLiteConverter, see scripts/reference/make_tflite_fixtures.py) run by
/// our executor against the outputs of TFLite's own interpreter: integers exactly, floats within 1e-5 of
/// the value's size (rounding of the same sums in another order), complex parts the same.
@Test(arguments: OpFixture.all)
func opMatchesTFLite(_ name: String) throws {
    let fixture = try OpFixture.load(name)
    let model = try TFLiteModel(bytes: try opModelBytes(name), source: "\(name).tflite")
    #expect(model.opNames == fixture.ops, "the reader names the ops the converter wrote")
    let outputs = try model.run(fixture.inputs.map(\.asValue))
    #expect(outputs.count == fixture.outputs.count)
    for (i, (got, want)) in zip(outputs, fixture.outputs).enumerated() {
        #expect(got.shape == want.shape, "\(name) output \(i) shape")
        #expect(got.type.description.lowercased() == want.type, "\(name) output \(i) type")
        let g = flat(got)
        guard g.count == want.values.count else { continue }
        let worst = zip(g, want.values).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= (want.type == "int32" ? 0 : 1e-5), "\(name) output \(i): largest error \(worst)")
    }
}

@Test func fixturesCoverEveryOpOfBirdNET() throws {
    let birdnetOps: Set = ["CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED", "MUL", "ADD", "SUB", "DIV", "POW",
                           "MAXIMUM", "LOGISTIC", "MEAN", "REDUCE_PROD", "REDUCE_MIN", "REDUCE_MAX", "RFFT2D",
                           "RESHAPE", "PACK", "SHAPE", "STRIDED_SLICE", "CONCATENATION", "GATHER", "FLOOR_DIV",
                           "EXPAND_DIMS", "SQUEEZE", "PAD", "RANGE", "CAST", "REVERSE_V2", "TRANSPOSE", "SPLIT_V",
                           "AVERAGE_POOL_2D", "MAX_POOL_2D"]
    var covered = Set<String>()
    for name in OpFixture.all { covered.formUnion(try OpFixture.load(name).ops) }
    #expect(birdnetOps.subtracting(covered).isEmpty, "no fixture for \(birdnetOps.subtracting(covered).sorted())")
    #expect(Set(TFLiteModel.supportedOps) == birdnetOps, "the registry is exactly BirdNET's 32 ops")
}

@Test func intermediateTensorsCanBeFetchedByName() throws {
    let model = try TFLiteModel(bytes: try opModelBytes("signal_frame"), source: "signal_frame.tflite")
    let fixture = try OpFixture.load("signal_frame")
    let shapeTensor = try #require(model.tensors.first { $0.type == .int32 && !$0.isConstant })
    let out = try model.run(fixture.inputs.map(\.asValue), fetching: [shapeTensor.name, model.outputs[0].name])
    #expect(out[0].shape == [2], "SHAPE of the [2, 17] input")
    #expect(flat(out[0]) == [2, 17])
    #expect(flat(out[1]) == fixture.outputs[0].values.map { Double(Float($0)) })
    #expect(throws: TFLiteError.unknownTensor(name: "no such tensor")) {
        try model.run(fixture.inputs.map(\.asValue), fetching: ["no such tensor"])
    }
}

@Test func runtimeErrorsNameTheOp() throws {
    // FLOOR_DIV by zero is an error in TFLite too; ours names the op instead of trapping.
    let model = try TFLiteModel(bytes: try opModelBytes("floor_div_int"), source: "floor_div_int.tflite")
    let a = TFLiteValue.int32(HostArray(shape: [6], values: [1, 2, 3, 4, 5, 6]))
    let b = TFLiteValue.int32(HostArray(shape: [6], values: [1, 1, 0, 1, 1, 1]))
    #expect(throws: TFLiteError.runtime(op: "FLOOR_DIV", opIndex: 0, reason: "FLOOR_DIV by zero")) { try model.run([a, b]) }
    // Shapes that do not broadcast.
    let add = try TFLiteModel(bytes: try opModelBytes("add_broadcast_relu"), source: "add.tflite")
    let x = TFLiteValue.float32(.init(shape: [2, 3, 4], repeating: 1)), y = TFLiteValue.float32(.init(shape: [3], repeating: 1))
    #expect(throws: TFLiteError.runtime(op: "ADD", opIndex: 0, reason: "shapes [2, 3, 4] and [3] do not broadcast")) {
        try add.run([x, y])
    }
    #expect(throws: TFLiteError.self) { try add.run([x]) }
    // A result past ElementCount.limit is an error, not a failed allocation: [65536, 1, 1] + [32768].
    let tall = TFLiteValue.float32(.init(shape: [1 << 16, 1, 1], repeating: 1))
    let wide = TFLiteValue.float32(.init(shape: [1 << 15], repeating: 1))
    #expect(throws: TFLiteError.runtime(op: "ADD", opIndex: 0,
                                        reason: "result shape [65536, 1, 32768] has more than 268435456 elements")) {
        try add.run([tall, wide])
    }
}
