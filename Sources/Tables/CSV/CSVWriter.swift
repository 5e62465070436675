/// Writes RFC 4180 CSV: comma-separated, fields quoted only when they contain
/// a comma, a quote, CR or LF (quotes doubled), records ended by LF — the
/// format between stages (DESIGN.md §1).
///
/// Fields are appended one at a time from bytes, so a row is written without
/// building a `String` per cell.
public final class CSVWriter {
    private let sink: ByteSink
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0
    private var atRecordStart = true

    /// Writes to `sink`, buffering `bufferSize` bytes at a time.
    public init(sink: ByteSink, bufferSize: Int = 256 << 10) {
        self.sink = sink
        self.capacity = max(bufferSize, 64)
        self.buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Appends one field of UTF-8 bytes, quoting it when needed.
    @inline(__always)
    public func field(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        // Worst case: separator, two quotes, every byte doubled.
        let worst = 3 + 2 * bytes.count
        if worst > capacity - used {
            try flush()
            if worst > capacity {
                try writeLargeField(bytes)
                return
            }
        }
        if !atRecordStart {
            buffer[used] = UInt8(ascii: ",")
            used += 1
        }
        atRecordStart = false
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        if Self.needsQuotes(bytes) {
            buffer[used] = UInt8(ascii: "\"")
            used += 1
            for byte in bytes {
                buffer[used] = byte
                used += 1
                if byte == UInt8(ascii: "\"") {
                    buffer[used] = byte
                    used += 1
                }
            }
            buffer[used] = UInt8(ascii: "\"")
            used += 1
        } else {
            (buffer + used).update(from: start, count: bytes.count)
            used += bytes.count
        }
    }

    /// Appends cells `0..<count` of `row` as fields (missing cells empty):
    /// one call per row instead of one per field.
    public func fields(of row: Row, count: Int) throws {
        for index in 0..<count { try field(row[index]) }
    }

    /// Appends one field from a `String`.
    public func field(_ text: String) throws {
        var text = text
        do {
            try text.withUTF8 { utf8 throws in try field(utf8) }
        }
    }

    /// Appends one field holding a decimal integer.
    public func field(_ number: Int) throws {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for Int.min
        try withUnsafeMutableBytes(of: &digits) { raw throws in
            let scratch = raw.bindMemory(to: UInt8.self)
            var position = scratch.count
            var magnitude = number.magnitude
            repeat {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "-")
            }
            try field(UnsafeBufferPointer(rebasing: scratch[position...]))
        }
    }

    /// Ends the current record with LF.
    @inline(__always)
    public func endRecord() throws {
        if used == capacity { try flush() }
        buffer[used] = UInt8(ascii: "\n")
        used += 1
        atRecordStart = true
    }

    /// Writes a whole record of `String` fields.
    public func record(_ fields: [String]) throws {
        for value in fields { try field(value) }
        try endRecord()
    }

    /// Hands the buffered bytes to the sink.
    public func flush() throws {
        guard used > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    /// True when `bytes` holds a comma, a quote, CR or LF. Eight bytes at a
    /// time: `(w - 0x01…) & ~w & 0x80…` is non-zero exactly when the word
    /// `w` has a zero byte, and `w ^ c…` zeroes the bytes equal to `c`.
    @inline(__always)
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
            if hasByte(word, 0x2C2C_2C2C_2C2C_2C2C) | hasByte(word, 0x2222_2222_2222_2222)
                | hasByte(word, 0x0A0A_0A0A_0A0A_0A0A) | hasByte(word, 0x0D0D_0D0D_0D0D_0D0D) != 0 {
                return true
            }
            index += 8
        }
        while index < count {
            let byte = start[index]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return true }
            index += 1
        }
        return false
    }

    @inline(__always)
    private static func hasByte(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    private func writeLargeField(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var quoted: [UInt8] = []
        quoted.reserveCapacity(bytes.count + 8)
        if !atRecordStart { quoted.append(UInt8(ascii: ",")) }
        atRecordStart = false
        let quote = Self.needsQuotes(bytes)
        if quote { quoted.append(UInt8(ascii: "\"")) }
        for byte in bytes {
            quoted.append(byte)
            if quote, byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        if quote { quoted.append(UInt8(ascii: "\"")) }
        try quoted.withUnsafeBytes { raw throws in try sink.write(raw) }
    }
}
