/// Windows-1252, the "ANSI" code page French Excel uses for "CSV (séparateur:
/// point-virgule)" exports, as UTF-8.
enum Windows1252 {
    /// The code points of 0x80-0x9F, where Windows-1252 differs from
    /// ISO 8859-1. The five bytes the code page leaves undefined (81, 8D, 8F,
    /// 90, 9D) map to the C1 control with the same value, as Windows'
    /// `MultiByteToWideChar` does (Python's `cp1252` codec refuses them; we
    /// never drop a byte).
    static let c1: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // € . ‚ ƒ „ … † ‡
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // ˆ ‰ Š ‹ Œ . Ž .
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // . ‘ ’ “ ” • – —
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // ˜ ™ š › œ . ž Ÿ
    ]

    /// The UTF-8 encoding of every byte 0x80-0xFF, packed little-endian in
    /// the low 24 bits, with its length (2 or 3) in the top 8 bits.
    static let utf8: [UInt32] = (0x80...0xFF).map { byte in
        let scalar = byte < 0xA0 ? UInt32(c1[byte - 0x80]) : UInt32(byte)
        if scalar < 0x800 {
            return 2 << 24 | (0x80 | scalar & 0x3F) << 8 | (0xC0 | scalar >> 6)
        }
        return 3 << 24 | (0x80 | scalar & 0x3F) << 16 | (0x80 | scalar >> 6 & 0x3F) << 8 | (0xE0 | scalar >> 12)
    }

    /// Writes the UTF-8 form of `byte` (0x80-0xFF) at `output`, using `table`
    /// (`utf8` made contiguous); returns the number of bytes written.
    @inline(__always)
    static func encode(_ byte: UInt8, table: UnsafePointer<UInt32>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        let packed = table[Int(byte &- 0x80)]
        output[0] = UInt8(truncatingIfNeeded: packed)
        output[1] = UInt8(truncatingIfNeeded: packed >> 8)
        output[2] = UInt8(truncatingIfNeeded: packed >> 16)
        return Int(packed >> 24)
    }
}
