import TextoCore

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
        if Self.copyIfUnquoted(bytes, to: buffer + used) {
            used += bytes.count
        } else {
            used += Self.writeQuoted(bytes, to: buffer + used)
        }
    }

    /// Writes `bytes` at `target` between quotes, quotes doubled; returns
    /// the bytes written (at most `2 + 2 * bytes.count`). Shared with
    /// `RowBatch`, which makes rows' records exactly as this writer would.
    @inline(__always)
    static func writeQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        target[written] = UInt8(ascii: "\"")
        written += 1
        for byte in bytes {
            target[written] = byte
            written += 1
            if byte == UInt8(ascii: "\"") {
                target[written] = byte
                written += 1
            }
        }
        target[written] = UInt8(ascii: "\"")
        return written + 1
    }

    /// Appends cells `0..<count` of `row` as fields (missing cells empty):
    /// one call per row instead of one per field. A row that carries its
    /// record (`Row.record`) is copied in one block: no quoting decision per
    /// cell on this thread.
    public func fields(of row: Row, count: Int) throws {
        if let record = row.record, row.count <= count, count > 0, 1 + record.count + count <= capacity {
            // The record holds fields 0..<row.count; each missing field after
            // them is empty, one comma (no comma before the first).
            let padding = row.count == 0 ? count - 1 : count - row.count
            if 1 + record.count + padding > capacity - used { try flush() }
            if !atRecordStart {
                buffer[used] = UInt8(ascii: ",")
                used += 1
            }
            atRecordStart = false
            if let start = record.baseAddress, record.count > 0 {
                (buffer + used).update(from: start, count: record.count)
                used += record.count
            }
            (buffer + used).update(repeating: UInt8(ascii: ","), count: padding)
            used += padding
            return
        }
        for index in 0..<count { try field(row[index]) }
    }

    /// Appends one field from a `String`.
    public func field(_ text: String) throws {
        var text = text
        do {
            try text.withUTF8 { utf8 throws in try field(utf8) }
        }
    }

    /// Appends one field holding a decimal integer, after `prefix` if there
    /// is one (`+` before an E.164 number). Digits never need quotes: they
    /// are written straight into the buffer, two fields of every output row.
    public func field(_ number: Int, prefix: UInt8? = nil) throws {
        // A separator, the prefix, a sign and 19 digits at most.
        if capacity - used < 22 { try flush() }
        if !atRecordStart {
            buffer[used] = UInt8(ascii: ",")
            used += 1
        }
        atRecordStart = false
        if let prefix {
            buffer[used] = prefix
            used += 1
        }
        if number < 0 {
            buffer[used] = UInt8(ascii: "-")
            used += 1
        }
        used += writeDecimal(UInt64(number.magnitude), to: buffer + used)
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
    package func record(_ fields: [String]) throws {
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

    /// Copies `bytes` to `target` and returns true when they need no quotes;
    /// returns false as soon as a comma, a quote, CR or LF shows they do
    /// (then what was copied is to be overwritten). Empty bytes need none.
    ///
    /// One pass, a word at a time: each 8-byte word is checked and stored as
    /// it is. What is left after the whole words, and a field shorter than a
    /// word, is read as overlapping pieces that stay inside `bytes` (the last
    /// 8 bytes again; the first and last 4, or 2; or the one byte): a byte
    /// read twice changes neither the check nor the copy, and nothing outside
    /// `bytes` is read or outside `target[0..<count]` written. Most fields are
    /// a few bytes long; a call to `memcpy` and a byte loop for the tail cost
    /// more than the field itself.
    @inline(__always)
    static func copyIfUnquoted(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return true }
        let count = bytes.count
        let source = UnsafeRawPointer(start)
        let destination = UnsafeMutableRawPointer(target)
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                let word = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if hasSpecial(word) { return false }
                destination.storeBytes(of: word, toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            if offset < count {
                let word = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                if hasSpecial(word) { return false }
                destination.storeBytes(of: word, toByteOffset: count - 8, as: UInt64.self)
            }
            return true
        }
        if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            if hasSpecial(UInt64(head) << 32 | UInt64(tail)) { return false }
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
            return true
        }
        if count >= 2 {
            // The word's upper bytes are zero, which is not a special byte.
            let head = source.loadUnaligned(as: UInt16.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
            if hasSpecial(UInt64(head) << 16 | UInt64(tail)) { return false }
            destination.storeBytes(of: head, as: UInt16.self)
            destination.storeBytes(of: tail, toByteOffset: count - 2, as: UInt16.self)
            return true
        }
        if count == 1 {
            let byte = start[0]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D { return false }
            target[0] = byte
        }
        return true
    }

    /// True when a byte of `word` is a comma, a quote, CR or LF.
    @inline(__always)
    private static func hasSpecial(_ word: UInt64) -> Bool {
        hasByte(word, 0x2C2C_2C2C_2C2C_2C2C) | hasByte(word, 0x2222_2222_2222_2222)
            | hasByte(word, 0x0A0A_0A0A_0A0A_0A0A) | hasByte(word, 0x0D0D_0D0D_0D0D_0D0D) != 0
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
