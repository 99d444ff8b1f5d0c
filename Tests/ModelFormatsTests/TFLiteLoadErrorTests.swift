import Foundation
import ModelFormats
import Testing

@Test func unsupportedOpIsNamedWhenLoading() throws {
    let error = #expect(throws: TFLiteError.self) {
        try TFLiteModel(bytes: try opModelBytes("unsupported_softmax"), source: "softmax.tflite")
    }
    guard case let .unsupported(_, op, index, _)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
    #expect(op == "SOFTMAX")
    #expect(index == 0)
    #expect(error!.description.contains("op #0 SOFTMAX is not supported"))
}

/// An option or a tensor type the reader does not run is refused at load time too, naming the op and the reason.
@Test(arguments: [("unsupported_gather_batch_dims", "GATHER", "batch_dims 1"),
                  ("unsupported_add_int64", "ADD", "has type INT64")])
func unsupportedOptionOrTypeIsNamedWhenLoading(_ name: String, _ op: String, _ reason: String) throws {
    let error = #expect(throws: TFLiteError.self) { try TFLiteModel(bytes: try opModelBytes(name), source: name) }
    guard case let .unsupported(_, found, _, why)? = error else { Issue.record("wrong error \(String(describing: error))"); return }
    #expect(found == op)
    #expect(why.contains(reason), "\(why)")
}

@Test func missingFileIsUnreadable() {
    let url = URL(fileURLWithPath: "/nonexistent/model.tflite")
    #expect { try TFLiteModel.load(url) } throws: { error in
        guard case .unreadable(let path, _)? = error as? TFLiteError else { return false }
        return path == url.path
    }
}

@Test func notAFlatBufferIsMalformed() {
    for bytes: [UInt8] in [[], [1, 2, 3], Array("not a tflite model at all".utf8)] {
        #expect { try TFLiteModel(bytes: bytes, source: "x") } throws: { error in
            if case .malformed? = error as? TFLiteError { return true }
            return false
        }
    }
}

/// Every prefix of a real model is rejected with an error, never a crash or a read past the end.
@Test func everyTruncationIsAnError() throws {
    let bytes = try opModelBytes("conv2d_same_stride2_relu")
    for length in 0..<bytes.count {
        #expect(throws: TFLiteError.self, "prefix of \(length) bytes") {
            try TFLiteModel(bytes: Array(bytes[..<length]), source: "truncated")
        }
    }
}

/// Corrupted bytes (every offset in turn set to 0xFF, then random bytes at random places) either load into a
/// model that runs or fail with a TFLiteError: the reader checks every offset and size before using it.
@Test(arguments: ["signal_frame", "conv2d_same_stride2_relu", "depthwise_same_stride2", "pools_same_valid",
                   "strided_slices", "rfft2d_complex", "fully_connected_relu", "reshape_expand_squeeze"])
func corruptBytesNeverCrash(_ name: String) throws {
    let bytes = try opModelBytes(name)
    let inputs = try OpFixture.load(name).inputs.map(\.asValue)
    func attempt(_ corrupt: [UInt8]) {
        // Typed throws: anything thrown here is a TFLiteError by construction; the test is that nothing traps.
        if let model = try? TFLiteModel(bytes: corrupt, source: "corrupt") { _ = try? model.run(inputs) }
    }
    for i in 0..<bytes.count {
        var corrupt = bytes
        corrupt[i] = corrupt[i] == 0xFF ? 0x7F : 0xFF
        attempt(corrupt)
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
    for _ in 0..<2000 {
        var corrupt = bytes
        for _ in 0..<(1 + Int(next() % 4)) { corrupt[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next()) }
        attempt(corrupt)
    }
}

@Test func wrongIdentifierIsNamed() throws {
    var bytes = try opModelBytes("logistic")
    bytes[4] = UInt8(ascii: "X")
    #expect { try TFLiteModel(bytes: bytes, source: "x.tflite") } throws: { error in
        (error as? TFLiteError)?.description.contains("file identifier is 'XFL3', expected 'TFL3'") == true
    }
}

@Test func modelSHA256IsTheFileDigest() throws {
    let model = try TFLiteModel(bytes: Array("".utf8) + (try opModelBytes("logistic")), source: "logistic")
    #expect(model.sha256.count == 64)
    let other = try TFLiteModel(bytes: try opModelBytes("transpose"), source: "transpose")
    #expect(model.sha256 != other.sha256)
}
