/// A message id in the form delivery reports are matched in: ASCII letters
/// upper-cased, leading zeros dropped (what `MessageID.normalized` does to
/// an ASCII id), packed in three words so that a million of them need no
/// allocation: the bytes big-endian from the first word on, the length in
/// the last byte. Ids of at most 23 bytes fit: Texto's (20) and the SMSC
/// ids gateways write (10 to 16 hex or decimal digits); a longer or
/// non-ASCII id has no key and is matched by its text.
///
/// Keys compare as their bytes do.
package struct MessageKey: Hashable, Comparable, Sendable {
    private var words: (UInt64, UInt64, UInt64)

    /// The most bytes a key holds.
    package static let capacity = 23

    /// The key of `bytes` as a report writes an id; nil when it is empty
    /// once normalized, longer than `capacity`, or not ASCII.
    package init?(normalizing bytes: UnsafeRawBufferPointer) {
        var start = 0
        while start < bytes.count, bytes[start] == UInt8(ascii: "0") { start += 1 }
        let count = bytes.count - start
        guard count > 0, count <= Self.capacity else { return nil }
        var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        for offset in 0..<count {
            var byte = bytes[start + offset]
            guard byte < 0x80 else { return nil }
            if byte &- UInt8(ascii: "a") < 26 { byte -= 0x20 }
            let shift = UInt64(56 - 8 * (offset % 8))
            switch offset / 8 {
            case 0: packed.0 |= UInt64(byte) << shift
            case 1: packed.1 |= UInt64(byte) << shift
            default: packed.2 |= UInt64(byte) << shift
            }
        }
        packed.2 |= UInt64(count)
        words = packed
    }

    /// The key of an id's text (normalized as above).
    package init?(normalizing text: String) {
        var text = text
        guard let key = text.withUTF8({ Self(normalizing: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = key
    }

    package var count: Int { Int(words.2 & 0xFF) }

    /// The normalized id.
    package var text: String {
        String(unsafeUninitializedCapacity: count) { buffer in
            withBytes { bytes in
                _ = buffer.initialize(from: bytes)
            }
            return count
        }
    }

    /// Calls `body` with the normalized id's bytes.
    package func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var bigEndian = (words.0.bigEndian, words.1.bigEndian, words.2.bigEndian)
        return try withUnsafeBytes(of: &bigEndian) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
    }

    package static func == (a: MessageKey, b: MessageKey) -> Bool {
        a.words == b.words
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
    }

    package static func < (a: MessageKey, b: MessageKey) -> Bool {
        a.words < b.words
    }
}
