import Foundation

/// A FlatBuffers buffer read without trusting it: every offset and length is checked against the bytes before
/// use, so a truncated or corrupt file is a `FlatBufferError`, never a read out of bounds.
/// Only what a reader of a known schema needs: tables, vectors of scalars/tables/strings, unions.
public struct FlatBuffer: Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var count: Int { bytes.count }

    /// The root table (the uoffset at byte 0), after checking the 4-byte file identifier when one is given.
    public func root(identifier: String? = nil) throws(FlatBufferError) -> FlatTable {
        guard count >= 8 else { throw FlatBufferError(offset: 0, "\(count) bytes is too short for a FlatBuffer") }
        if let identifier {
            let found = bytes[4..<8]
            guard Array(identifier.utf8) == Array(found) else {
                let text = String(decoding: found.map { (32...126).contains($0) ? $0 : 63 }, as: UTF8.self)
                throw FlatBufferError(offset: 4, "file identifier is '\(text)', expected '\(identifier)'")
            }
        }
        return try table(at: try indirect(0))
    }

    // MARK: scalars

    /// Checks that `size` bytes from `offset` are inside the buffer (overflow-safe).
    @inline(__always)
    func check(_ offset: Int, _ size: Int) throws(FlatBufferError) {
        guard offset >= 0, size >= 0, offset <= count, size <= count - offset else {
            throw FlatBufferError(offset: offset, "\(size) bytes at offset \(offset) run past the end (\(count) bytes)")
        }
    }

    @inline(__always)
    func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) throws(FlatBufferError) -> T {
        try check(offset, MemoryLayout<T>.size)
        var v: T = 0
        for i in 0..<MemoryLayout<T>.size { v |= T(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
        return v
    }

    func float32(_ offset: Int) throws(FlatBufferError) -> Float {
        Float(bitPattern: try load(offset, as: UInt32.self))
    }

    /// The position a uoffset stored at `offset` points to.
    func indirect(_ offset: Int) throws(FlatBufferError) -> Int {
        let target = offset + Int(try load(offset, as: UInt32.self))
        try check(target, 0)
        return target
    }

    /// The table at `position`, with its vtable located and checked.
    func table(at position: Int) throws(FlatBufferError) -> FlatTable {
        let soffset = Int(try load(position, as: Int32.self))
        let vtable = position - soffset
        let vtableSize = Int(try load(vtable, as: UInt16.self))
        guard vtableSize >= 4, vtableSize % 2 == 0 else {
            throw FlatBufferError(offset: vtable, "vtable size \(vtableSize) is not an even number of at least 4 bytes")
        }
        try check(vtable, vtableSize)
        let tableSize = Int(try load(vtable + 2, as: UInt16.self))
        try check(position, Swift.max(tableSize, 4))
        return FlatTable(buffer: self, position: position, vtable: vtable, vtableSize: vtableSize, tableSize: tableSize)
    }

    /// A vector whose uoffset is stored at `offset`: element count and start, checked to fit `elementSize` each.
    func vector(at offset: Int, elementSize: Int) throws(FlatBufferError) -> FlatVector {
        let start = try indirect(offset)
        let length = Int(try load(start, as: UInt32.self))
        let (bytesNeeded, overflow) = length.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw FlatBufferError(offset: start, "vector of \(length) elements overflows") }
        try check(start + 4, bytesNeeded)
        return FlatVector(buffer: self, start: start + 4, count: length, elementSize: elementSize)
    }
}

/// One table: fields are looked up through its vtable; an absent field gives the schema's default.
public struct FlatTable: Sendable {
    let buffer: FlatBuffer
    let position: Int
    let vtable: Int
    let vtableSize: Int
    let tableSize: Int

    /// Where field `slot` (its index in the schema) starts, or nil when the table does not store it.
    func field(_ slot: Int, size: Int) throws(FlatBufferError) -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try buffer.load(vtable + entry, as: UInt16.self))
        guard offset != 0 else { return nil }
        // Fields live inside the table's inline part; a field past it is corrupt, whatever the buffer's size.
        guard offset + size <= Swift.max(tableSize, 4) else {
            throw FlatBufferError(offset: position, "field \(slot) at +\(offset) lies outside its \(tableSize)-byte table")
        }
        try buffer.check(position + offset, size)
        return position + offset
    }

    public func int<T: FixedWidthInteger>(_ slot: Int, _ type: T.Type, default value: T = 0) throws(FlatBufferError) -> T {
        guard let at = try field(slot, size: MemoryLayout<T>.size) else { return value }
        return try buffer.load(at, as: T.self)
    }

    public func bool(_ slot: Int, default value: Bool = false) throws(FlatBufferError) -> Bool {
        try int(slot, UInt8.self, default: value ? 1 : 0) != 0
    }

    public func float(_ slot: Int, default value: Float = 0) throws(FlatBufferError) -> Float {
        guard let at = try field(slot, size: 4) else { return value }
        return try buffer.float32(at)
    }

    public func table(_ slot: Int) throws(FlatBufferError) -> FlatTable? {
        guard let at = try field(slot, size: 4) else { return nil }
        return try buffer.table(at: try buffer.indirect(at))
    }

    public func vector(_ slot: Int, elementSize: Int) throws(FlatBufferError) -> FlatVector? {
        guard let at = try field(slot, size: 4) else { return nil }
        return try buffer.vector(at: at, elementSize: elementSize)
    }

    public func string(_ slot: Int) throws(FlatBufferError) -> String? {
        guard let v = try vector(slot, elementSize: 1) else { return nil }
        return String(decoding: buffer.bytes[v.start..<(v.start + v.count)], as: UTF8.self)
    }

    /// A vector of tables (each element a uoffset).
    public func tables(_ slot: Int) throws(FlatBufferError) -> [FlatTable] {
        guard let v = try vector(slot, elementSize: 4) else { return [] }
        var out: [FlatTable] = []
        out.reserveCapacity(v.count)
        for i in 0..<v.count { out.append(try buffer.table(at: try buffer.indirect(v.start + 4 * i))) }
        return out
    }

    /// A vector of scalars, widened to Int.
    public func ints<T: FixedWidthInteger>(_ slot: Int, _ type: T.Type) throws(FlatBufferError) -> [Int]? {
        guard let v = try vector(slot, elementSize: MemoryLayout<T>.size) else { return nil }
        var out: [Int] = []
        out.reserveCapacity(v.count)
        for i in 0..<v.count { out.append(Int(try buffer.load(v.start + i * MemoryLayout<T>.size, as: T.self))) }
        return out
    }
}

/// A checked span of vector elements inside the buffer.
public struct FlatVector: Sendable {
    let buffer: FlatBuffer
    /// Byte position of the first element.
    public let start: Int
    public let count: Int
    public let elementSize: Int

    /// The element bytes, already checked to be inside the buffer.
    public var byteRange: Range<Int> { start..<(start + count * elementSize) }
}

/// A FlatBuffer that does not hold what its offsets claim (truncated, corrupt, or not a FlatBuffer at all).
public struct FlatBufferError: Error, Equatable, CustomStringConvertible {
    /// The byte offset where the problem was found.
    public let offset: Int
    public let reason: String

    init(offset: Int, _ reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "corrupt FlatBuffer at byte \(offset): \(reason)" }
}
