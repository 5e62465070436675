/// Turns the bytes of a text file into UTF-8, one piece at a time, so that
/// memory does not grow with the file.
///
/// Nothing is ever dropped: in a file read as UTF-8, a byte that does not
/// belong to a well-formed sequence is read as Windows-1252 (and counted);
/// broken UTF-16 becomes U+FFFD.
struct UTF8Transcoder {
    /// The encoding being read; `.undecided` turns into `.utf8` or
    /// `.windows1252` at the first non-ASCII byte.
    private(set) var encoding: SourceEncoding
    /// Bytes read as Windows-1252 inside a file otherwise read as UTF-8.
    private(set) var invalidUTF8Sequences = 0

    /// The most UTF-8 bytes one input byte can become (Windows-1252 `€` is
    /// E2 82 AC); `transcode` needs that much room per input byte.
    static let maximumExpansion = 3

    init(encoding: SourceEncoding) {
        self.encoding = encoding
    }

    /// Transcodes `count` bytes at `input` into `output`, which must have room
    /// for `maximumExpansion * count` bytes.
    ///
    /// A sequence cut by the end of `input` is left unconsumed, to be passed
    /// again with the bytes that follow, unless `isFinal` says none follow.
    /// - Returns: the input bytes consumed and the output bytes produced.
    mutating func transcode(
        _ input: UnsafePointer<UInt8>, count: Int, into output: UnsafeMutablePointer<UInt8>, isFinal: Bool
    ) -> (consumed: Int, produced: Int) {
        let end = input + count
        var p = input
        var o = output
        Windows1252.utf8.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            while p < end {
                let before = (p, encoding)
                switch encoding {
                case .undecided, .utf8: fromUTF8(&p, end, &o, isFinal: isFinal, table)
                case .windows1252: fromWindows1252(&p, end, &o, table)
                case .utf16LE: fromUTF16(&p, end, &o, isFinal: isFinal, bigEndian: false)
                case .utf16BE: fromUTF16(&p, end, &o, isFinal: isFinal, bigEndian: true)
                }
                if p == before.0, encoding == before.1 { break }  // waiting for the rest of a sequence
            }
        }
        return (p - input, o - output)
    }

    /// Copies ASCII from `p` up to the first byte 0x80 or above, eight bytes
    /// at a time where it can.
    @inline(__always)
    private func copyASCII(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>) {
        let start = p
        while end - p >= 8, UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { p += 8 }
        while p < end, p.pointee < 0x80 { p += 1 }
        let count = p - start
        if count > 0 {
            o.update(from: start, count: count)
            o += count
        }
    }

    /// UTF-8 (and ASCII while undecided). Returns early when the first
    /// non-ASCII byte decides for Windows-1252.
    private mutating func fromUTF8(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>,
        isFinal: Bool, _ table: UnsafePointer<UInt32>
    ) {
        while p < end {
            // Validate as far as the text is well-formed, then copy that run
            // at once: one copy per chunk for a well-formed file.
            let run = p
            var length = 0
            while p < end {
                if p.pointee < 0x80 {
                    p += 1
                    while end - p >= 8, UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        p += 8
                    }
                    continue
                }
                if encoding == .undecided { break }
                length = UTF8Validation.sequenceLength(at: p, end: end)
                if length <= 0 { break }
                p += length
            }
            if p > run {
                o.update(from: run, count: p - run)
                o += p - run
            }
            if p == end { return }
            if encoding == .undecided {
                // Both readings agreed up to here; the bytes at hand decide.
                guard let decided = SourceEncoding.decide(from: p, to: end, isFinal: isFinal) else { return }
                encoding = decided
                if decided == .windows1252 { return }
                continue
            }
            if length == 0, !isFinal { return }  // the rest of the sequence comes with the next bytes
            o += Windows1252.encode(p.pointee, table: table, into: o)
            p += 1
            invalidUTF8Sequences += 1
        }
    }

    private func fromWindows1252(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>,
        _ table: UnsafePointer<UInt32>
    ) {
        while p < end {
            copyASCII(&p, end, &o)
            if p == end { return }
            o += Windows1252.encode(p.pointee, table: table, into: o)
            p += 1
        }
    }

    private func fromUTF16(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>,
        isFinal: Bool, bigEndian: Bool
    ) {
        @inline(__always) func unit(_ at: UnsafePointer<UInt8>) -> UInt32 {
            bigEndian ? UInt32(at[0]) << 8 | UInt32(at[1]) : UInt32(at[1]) << 8 | UInt32(at[0])
        }
        @inline(__always) func put(_ scalar: UInt32) {
            if scalar < 0x80 {
                o[0] = UInt8(scalar)
                o += 1
            } else if scalar < 0x800 {
                o[0] = UInt8(0xC0 | scalar >> 6)
                o[1] = UInt8(0x80 | scalar & 0x3F)
                o += 2
            } else if scalar < 0x10000 {
                o[0] = UInt8(0xE0 | scalar >> 12)
                o[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                o[2] = UInt8(0x80 | scalar & 0x3F)
                o += 3
            } else {
                o[0] = UInt8(0xF0 | scalar >> 18)
                o[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                o[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
                o[3] = UInt8(0x80 | scalar & 0x3F)
                o += 4
            }
        }
        let replacement: UInt32 = 0xFFFD
        while end - p >= 2 {
            let first = unit(p)
            if first & 0xF800 != 0xD800 {
                put(first)
                p += 2
            } else if first < 0xDC00 {  // a high surrogate: its pair follows
                if end - p < 4 {
                    if !isFinal { return }
                    put(replacement)
                    p += 2
                    continue
                }
                let second = unit(p + 2)
                if second & 0xFC00 == 0xDC00 {
                    put(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    p += 4
                } else {
                    put(replacement)
                    p += 2
                }
            } else {  // a low surrogate alone
                put(replacement)
                p += 2
            }
        }
        if isFinal, p < end {  // an odd byte at the end of the file
            put(replacement)
            p += 1
        }
    }
}
