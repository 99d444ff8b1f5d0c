/// Finds where bytes stop being UTF-8, so a config in another encoding is reported at the byte to fix rather
/// than as a whole file.
enum UTF8Validation {
    /// Offset of the first byte that does not belong to well-formed UTF-8 (Unicode Table 3-7: no overlong forms,
    /// no surrogates, nothing past U+10FFFF), or nil when all of `bytes` is UTF-8.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int, second: ClosedRange<UInt8>
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
            case 0xE0: (length, second) = (3, 0xA0...0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
            case 0xED: (length, second) = (3, 0x80...0x9F)
            case 0xF0: (length, second) = (4, 0x90...0xBF)
            case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
            case 0xF4: (length, second) = (4, 0x80...0x8F)
            default: return i
            }
            guard i + 1 < bytes.count, second.contains(bytes[i + 1]) else { return i }
            for k in 2..<length where i + k >= bytes.count || !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// 1-based line and column (in Unicode scalars, as libYAML counts) of `offset`, which must follow only valid UTF-8.
    static func position(ofOffset offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for scalar in String(decoding: bytes[..<offset], as: UTF8.self).unicodeScalars {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
