import Foundation
import NN
import Testing

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("soundlab-safetensors-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

private let sample = SafetensorsFile(
    tensors: [
        SafetensorsTensor(name: "weight", shape: [2, 3], values: [1, -2, 3.5, 0, .leastNonzeroMagnitude, -.infinity]),
        SafetensorsTensor(name: "bias", shape: [3], values: [0.1, 0.2, 0.3]),
        SafetensorsTensor(name: "step", shape: [], values: [42]),
        SafetensorsTensor(name: "empty", shape: [0, 4], values: []),
    ],
    metadata: ["format": "soundlab", "note": "quote \" backslash \\ newline \n tab \t bell \u{07} é ü 🐦"])

@Test func roundTripKeepsEveryTensorAndSortsByName() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("w.safetensors")
    try sample.write(to: url)
    let back = try SafetensorsFile.read(from: url)
    #expect(back.names == ["bias", "empty", "step", "weight"])
    for t in sample.tensors {
        let r = try #require(back[t.name])
        #expect(r.shape == t.shape)
        #expect(r.values.map(\.bitPattern) == t.values.map(\.bitPattern), "\(t.name)")
    }
    #expect(back.metadata == sample.metadata)
    // Encoding is deterministic: the same value gives the same bytes, whatever the input order.
    var shuffled = sample
    shuffled.tensors.reverse()
    #expect(try shuffled.encoded() == sample.encoded())
    #expect(try Data(contentsOf: url) == sample.encoded())
}

@Test func byteLayoutOfATinyFileIsPinned() throws {
    let file = SafetensorsFile(
        tensors: [SafetensorsTensor(name: "b", shape: [2], values: [1, -2]),
                  SafetensorsTensor(name: "a", shape: [], values: [0.5])],
        metadata: ["k": "v"])
    let bytes = [UInt8](try file.encoded())
    let header = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"#
        + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
    #expect(header.utf8.count == 132)  // padded with 4 spaces to 136
    let padded = header + String(repeating: " ", count: 4)
    #expect(Array(bytes[0..<8]) == [136, 0, 0, 0, 0, 0, 0, 0])
    #expect(String(decoding: bytes[8..<144], as: UTF8.self) == padded)
    #expect(Array(bytes[144...]) == [0x00, 0x00, 0x00, 0x3F,   // 0.5
                                     0x00, 0x00, 0x80, 0x3F,   // 1
                                     0x00, 0x00, 0x00, 0xC0])  // -2
    #expect(bytes.count == 156)
}

/// Builds raw safetensors bytes from a header text (padded here) and a data buffer.
private func rawFile(_ header: String, data: [UInt8]) -> Data {
    var h = Array(header.utf8)
    h += Array(repeating: UInt8(ascii: " "), count: (8 - h.count % 8) % 8)
    var out = Data()
    withUnsafeBytes(of: UInt64(h.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: h)
    out.append(contentsOf: data)
    return out
}

private func readError(_ data: Data) -> SafetensorsError? {
    do {
        _ = try SafetensorsFile(decoding: data, source: "bad.safetensors")
        return nil
    } catch let error as SafetensorsError {
        return error
    } catch {
        return nil
    }
}

private let twelveBytes = [UInt8](repeating: 0, count: 12)

@Test func truncatedFilesAreRejected() throws {
    let good = try SafetensorsFile(tensors: [SafetensorsTensor(name: "x", shape: [3], values: [1, 2, 3])]).encoded()
    #expect(readError(good.prefix(5))?.reason == .fileTooShort(bytes: 5))
    // Cut inside the data: the tensor's offsets now reach past the buffer.
    let cut = readError(good.dropLast(4))
    #expect(cut?.reason == .offsetsOutOfRange(begin: 0, end: 12, bufferSize: 8))
    #expect(cut?.tensor == "x")
    // Cut inside the header: the declared length runs past the end.
    let headerLength = Int(good[0])
    #expect(readError(good.prefix(8 + headerLength - 3))?.reason
        == .headerLengthPastEnd(headerLength: UInt64(headerLength), available: headerLength - 3))
}

@Test func headerLengthPastEndOrHugeIsRejected() throws {
    var data = rawFile(#"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#, data: twelveBytes)
    data.replaceSubrange(0..<8, with: [0xFF, 0x0F, 0, 0, 0, 0, 0, 0])  // 4095
    #expect(readError(data)?.reason == .headerLengthPastEnd(headerLength: 4095, available: data.count - 8))
    data.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 0, 0, 0x80])
    #expect(readError(data)?.reason == .headerTooLarge(headerLength: 1 << 63))
}

@Test func offsetsOutsideTheBufferAreRejected() throws {
    let e = readError(rawFile(#"{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: twelveBytes))
    #expect(e?.reason == .offsetsOutOfRange(begin: 0, end: 16, bufferSize: 12))
    #expect(e?.tensor == "x")
    let reversed = readError(rawFile(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, data: twelveBytes))
    #expect(reversed?.reason == .offsetsOutOfRange(begin: 8, end: 4, bufferSize: 12))
    let negative = readError(rawFile(#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}"#, data: twelveBytes))
    #expect(negative?.reason == .invalidEntry("'data_offsets' is not [begin, end] of non-negative integers"))
}

@Test func overlappingAndGappedTensorsAreRejected() throws {
    let overlap = readError(rawFile(
        #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
        data: twelveBytes))
    #expect(overlap?.reason == .overlapping(other: "a"))
    #expect(overlap?.tensor == "b")
    let gap = readError(rawFile(
        #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
        data: twelveBytes))
    #expect(gap?.reason == .gap(at: 4))
    let trailing = readError(rawFile(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: twelveBytes))
    #expect(trailing?.reason == .gap(at: 8))
}

@Test func shapeThatDisagreesWithTheByteCountIsRejected() throws {
    let e = readError(rawFile(#"{"x":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#, data: twelveBytes))
    #expect(e?.reason == .sizeMismatch(expectedBytes: 16, actualBytes: 12))
    #expect(e?.tensor == "x")
    let f64 = readError(rawFile(#"{"x":{"dtype":"F64","shape":[3],"data_offsets":[0,12]}}"#, data: twelveBytes))
    #expect(f64?.reason == .sizeMismatch(expectedBytes: 24, actualBytes: 12))
}

@Test func malformedHeadersAreRejected() throws {
    #expect(readError(rawFile(#"{"x":{"dtype":"F32","shape":[3],"#, data: twelveBytes))?.reason
        == .invalidJSON("not a JSON object (32 bytes)"))
    #expect(readError(rawFile(#"[1, 2]"#, data: []))?.reason == .invalidJSON("header does not start with '{'"))
    let noDtype = readError(rawFile(#"{"x":{"shape":[3],"data_offsets":[0,12]}}"#, data: twelveBytes))
    #expect(noDtype?.reason == .invalidEntry("missing string 'dtype'"))
    #expect(noDtype?.tensor == "x")
    let fractional = readError(rawFile(#"{"x":{"dtype":"F32","shape":[1.5],"data_offsets":[0,12]}}"#, data: twelveBytes))
    #expect(fractional?.reason == .invalidEntry("'shape' is not an array of integers"))
    let f8 = readError(rawFile(#"{"x":{"dtype":"F8_E4M3","shape":[12],"data_offsets":[0,12]}}"#, data: twelveBytes))
    #expect(f8?.reason == .unsupportedDtype("F8_E4M3"))
    let badMeta = readError(rawFile(#"{"__metadata__":{"n":1}}"#, data: []))
    #expect(badMeta?.reason == .invalidEntry("__metadata__ is not a string-to-string map"))
}

@Test func errorMessagesNameTheFileAndTensor() throws {
    let e = try #require(readError(rawFile(#"{"conv.kernel":{"dtype":"F32","shape":[5],"data_offsets":[0,12]}}"#,
                                           data: twelveBytes)))
    #expect(e.description == "bad.safetensors: tensor 'conv.kernel' shape and dtype need 20 bytes but data_offsets span 12")
    let missing = URL(fileURLWithPath: "/nonexistent/soundlab/w.safetensors")
    #expect(throws: SafetensorsError.self) { try SafetensorsFile.read(from: missing) }
    do {
        _ = try SafetensorsFile.read(from: missing)
    } catch let error as SafetensorsError {
        #expect(error.file == missing.path)
        #expect(error.description.hasPrefix(missing.path + ": cannot read"))
    }
}

@Test func writerRejectsBadTensors() throws {
    func writeError(_ tensors: [SafetensorsTensor]) -> SafetensorsError.Reason? {
        do { _ = try SafetensorsFile(tensors: tensors).encoded(); return nil } catch let e as SafetensorsError {
            return e.reason
        } catch { return nil }
    }
    #expect(writeError([SafetensorsTensor(name: "x", shape: [2, 2], values: [1, 2, 3])])
        == .valueCountMismatch(expected: 4, actual: 3))
    #expect(writeError([SafetensorsTensor(name: "x", shape: [1], values: [1]),
                        SafetensorsTensor(name: "x", shape: [1], values: [2])]) == .invalidName)
    #expect(writeError([SafetensorsTensor(name: "__metadata__", shape: [1], values: [1])]) == .invalidName)
}

@Test func atomicWriteReplacesTheFileAndLeavesNoTemporary() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("w.safetensors")
    try sample.write(to: url)
    let small = SafetensorsFile(tensors: [SafetensorsTensor(name: "only", shape: [1], values: [7])])
    try small.write(to: url)
    #expect(try SafetensorsFile.read(from: url) == small)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["w.safetensors"])
    // A bad tensor fails before anything touches the disk.
    let bad = SafetensorsFile(tensors: [SafetensorsTensor(name: "x", shape: [2], values: [1])])
    #expect(throws: SafetensorsError.self) { try bad.write(to: url) }
    #expect(try SafetensorsFile.read(from: url) == small)
    let nowhere = dir.appendingPathComponent("missing/w.safetensors")
    #expect(throws: SafetensorsError.self) { try small.write(to: nowhere) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["w.safetensors"])
}

/// A file the Python `safetensors` package wrote reads back exactly, and soundlab writes the same bytes.
@Test func pythonWrittenFileReadsAndReencodesByteIdentically() throws {
    let url = try ReferenceFixture.url("interop_f32", ext: "safetensors")
    let file = try SafetensorsFile.read(from: url)
    #expect(file.names == ["a_scalar", "b_matrix", "c_empty", "d_vector"])
    #expect(file.metadata == ["format": "pt"])
    #expect(file["a_scalar"] == SafetensorsTensor(name: "a_scalar", shape: [], values: [3.25]))
    #expect(file["b_matrix"] == SafetensorsTensor(name: "b_matrix", shape: [2, 3], values: [-1, -0.5, 0, 0.5, 1, 1.5]))
    #expect(file["c_empty"] == SafetensorsTensor(name: "c_empty", shape: [0, 3], values: []))
    #expect(file["d_vector"]?.values == [1e-30, -2.5, 65504, .infinity])
    #expect(try file.encoded() == Data(contentsOf: url))
}

/// Non-F32 dtypes written by Python convert to Float with the values numpy had.
@Test func pythonWrittenDtypesConvertToFloat() throws {
    let file = try SafetensorsFile.read(from: ReferenceFixture.url("interop_dtypes", ext: "safetensors"))
    #expect(file["f64"]?.values == [1.5, -2.25, 1e10])
    #expect(file["f16"]?.values == [1.5, -2.25, 0x1p-14, 0x1p-24])  // normal minimum and subnormal minimum
    #expect(file["i64"]?.values == [-3, 0, 7, 0x1p40])
    #expect(file["i32"]?.values == [-5, 9])
    #expect(file["u8"]?.values == [0, 255])
    #expect(file["bool"]?.values == [1, 0, 1])
}

/// Writes a small model-like file for scripts/reference/check_safetensors.py. The directory comes from
/// SOUNDLAB_INTEROP_DIR when set (so CI can run the Python check on it), else a temporary one.
@Test func writesTheFileThePythonInteropCheckReads() throws {
    let env = ProcessInfo.processInfo.environment["SOUNDLAB_INTEROP_DIR"]
    let dir = try env.map { URL(fileURLWithPath: $0) } ?? temporaryDirectory()
    defer { if env == nil { try? FileManager.default.removeItem(at: dir) } }
    let kernel = (0..<(3 * 4 * 2)).map { Float($0) * 0.25 - 3 }
    let file = SafetensorsFile(
        tensors: [SafetensorsTensor(name: "conv.kernel", shape: [3, 4, 2], values: kernel),
                  SafetensorsTensor(name: "conv.bias", shape: [2], values: [0.5, -0.5]),
                  SafetensorsTensor(name: "step", shape: [], values: [5])],
        metadata: ["format": "soundlab"])
    let url = dir.appendingPathComponent("soundlab_written.safetensors")
    try file.write(to: url)
    let back = try SafetensorsFile.read(from: url)
    #expect(back.names == ["conv.bias", "conv.kernel", "step"])
    #expect(back["conv.kernel"]?.values == kernel)
}
