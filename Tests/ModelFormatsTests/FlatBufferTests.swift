import ModelFormats
import Testing

/// A hand-built FlatBuffer: root offset, identifier, a vtable and a table with one int32 field (slot 0 = 42)
/// and one vector field (slot 1) of three int32s.
private func sample() -> [UInt8] {
    var b: [UInt8] = []
    func u32(_ v: UInt32) { b += withUnsafeBytes(of: v.littleEndian, Array.init) }
    func u16(_ v: UInt16) { b += withUnsafeBytes(of: v.littleEndian, Array.init) }
    u32(16)                     // 0: root table at 16
    b += Array("TEST".utf8)     // 4
    u16(8); u16(12); u16(4); u16(8)  // 8: vtable: size 8, table size 12, slot 0 at +4, slot 1 at +8
    u32(8)                      // 16: table: soffset 8 -> vtable at 8
    u32(42)                     // 20: slot 0
    u32(4)                      // 24: slot 1: vector at 24 + 4 = 28
    u32(3); u32(7); u32(8); u32(9)  // 28: vector of 3
    return b
}

@Test func readsTablesAndVectors() throws {
    let root = try FlatBuffer(sample()).root(identifier: "TEST")
    #expect(try root.int(0, Int32.self) == 42)
    #expect(try root.ints(1, Int32.self) == [7, 8, 9])
    #expect(try root.int(5, Int32.self, default: -1) == -1, "a slot past the vtable takes its default")
}

@Test func vectorLengthPastTheEndIsAnError() throws {
    var bytes = sample()
    bytes[28] = 200  // 200 elements claimed, 3 present
    #expect(throws: FlatBufferError.self) { try FlatBuffer(bytes).root(identifier: "TEST").ints(1, Int32.self) }
}

@Test func vtableOutsideTheBufferIsAnError() throws {
    var bytes = sample()
    bytes[16] = 0x80; bytes[19] = 0x80  // soffset pointing far outside
    #expect(throws: FlatBufferError.self) { try FlatBuffer(bytes).root(identifier: "TEST") }
}

@Test func fieldOutsideItsTableIsAnError() throws {
    var bytes = sample()
    bytes[12] = 40  // slot 0 claims +40 in a 12-byte table
    #expect(throws: FlatBufferError.self) { try FlatBuffer(bytes).root(identifier: "TEST").int(0, Int32.self) }
}
