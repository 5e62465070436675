/// The text encodings a CSV file may come in, as far as Texto tells them
/// apart: what Excel, LibreOffice and contact managers export in France.
enum SourceEncoding: Equatable {
    /// Only ASCII seen so far: UTF-8 and Windows-1252 read it the same way,
    /// so the choice waits for the first other byte.
    case undecided
    case utf8
    case windows1252
    case utf16LE
    case utf16BE

    /// What a file starts with: its encoding and how many bytes of byte order
    /// mark to skip.
    struct Detection: Equatable {
        var encoding: SourceEncoding
        var byteOrderMarkLength: Int
    }

    /// Recognises the encoding from the first bytes of a file.
    ///
    /// A byte order mark wins. Then NUL bytes at every other position mean
    /// UTF-16 without a mark. Then the window is UTF-8 if it is valid UTF-8
    /// (a sequence cut by the end of the window does not count against it),
    /// Windows-1252 if not, and undecided if it is all ASCII.
    static func detect(_ window: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> Detection {
        let count = window.count
        if count >= 3, window[0] == 0xEF, window[1] == 0xBB, window[2] == 0xBF {
            return Detection(encoding: .utf8, byteOrderMarkLength: 3)
        }
        if count >= 2, window[0] == 0xFF, window[1] == 0xFE { return Detection(encoding: .utf16LE, byteOrderMarkLength: 2) }
        if count >= 2, window[0] == 0xFE, window[1] == 0xFF { return Detection(encoding: .utf16BE, byteOrderMarkLength: 2) }
        if let utf16 = utf16WithoutMark(window) { return Detection(encoding: utf16, byteOrderMarkLength: 0) }
        guard let start = window.baseAddress else { return Detection(encoding: .undecided, byteOrderMarkLength: 0) }
        let end = start + count
        var p = start
        while p < end, p.pointee < 0x80 { p += 1 }
        if p == end { return Detection(encoding: .undecided, byteOrderMarkLength: 0) }
        return Detection(encoding: decide(from: p, to: end, isFinal: isWholeFile) ?? .undecided, byteOrderMarkLength: 0)
    }

    /// UTF-8 if the bytes from `start` (a non-ASCII byte) are valid UTF-8,
    /// Windows-1252 if not; nil when they hold only the beginning of one
    /// sequence and more bytes may come.
    static func decide(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, isFinal: Bool) -> SourceEncoding? {
        var p = start
        var complete = 0
        while p < end {
            if p.pointee < 0x80 {
                p += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(at: p, end: end)
            if length < 0 { return .windows1252 }
            if length == 0 { break }
            complete += 1
            p += length
        }
        if p < end {  // a sequence cut by the end of the bytes at hand
            if isFinal { return .windows1252 }
            if complete == 0 { return nil }
        }
        return .utf8
    }

    /// UTF-16 without a byte order mark, recognised by its NUL bytes: Latin
    /// text has a zero high byte in almost every code unit, which UTF-8 and
    /// Windows-1252 text never has.
    private static func utf16WithoutMark(_ window: UnsafeBufferPointer<UInt8>) -> SourceEncoding? {
        let units = min(window.count, 512) / 2
        guard units >= 2 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for unit in 0..<units {
            if window[2 * unit] == 0 { zeroEven += 1 }
            if window[2 * unit + 1] == 0 { zeroOdd += 1 }
        }
        // Three quarters of the units with a NUL high byte, almost none with a
        // NUL low byte.
        if zeroOdd * 4 >= units * 3, zeroEven * 10 < units { return .utf16LE }
        if zeroEven * 4 >= units * 3, zeroOdd * 10 < units { return .utf16BE }
        return nil
    }
}

/// UTF-8 well-formedness (Unicode 15 §3.9, table 3-7).
enum UTF8Validation {
    /// The length of the well-formed sequence starting at `p` (a byte
    /// 0x80 or above); 0 if the bytes up to `end` are a valid but incomplete
    /// start of one; -1 if they are not UTF-8.
    @inline(__always)
    static func sequenceLength(at p: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int {
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch p.pointee {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; high = 0x9F  // no surrogates
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F  // nothing past U+10FFFF
        default: return -1
        }
        let available = end - p
        for index in 1..<length {
            if index >= available { return 0 }
            let byte = p[index]
            if byte < low || byte > high { return -1 }
            low = 0x80
            high = 0xBF
        }
        return length
    }
}
