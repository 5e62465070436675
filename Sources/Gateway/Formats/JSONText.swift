/// JSON text written by hand (RFC 8259), so that the bytes are the same on
/// every run and platform: keys in the order written, no escaping of `/`,
/// non-ASCII characters as their UTF-8 bytes.
enum JSONText {
    /// Appends `text` as a JSON string: quotes and backslashes escaped,
    /// control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`
    /// (RFC 8259 §7), and U+2028 / U+2029 as `\u2028` / `\u2029`: valid
    /// in JSON but line terminators to JavaScript before ES2019, and to
    /// line-oriented readers that split on Unicode line breaks.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00..<0x20: appendEscape(UInt16(byte), to: &bytes)
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                pending = [byte]
                while pending.count < 3, let next = utf8.next() { pending.append(next) }
                if pending.count == 3, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9 {
                    appendEscape(pending[2] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                } else {
                    bytes.append(contentsOf: pending)
                }
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a non-negative integer.
    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends the member `"key":"value"` to the object being written.
    static func appendMember(_ key: StaticString, _ value: String, to bytes: inout [UInt8]) {
        appendKey(key, to: &bytes)
        appendString(value, to: &bytes)
    }

    /// Appends the member `"key":value` to the object being written.
    static func appendMember(_ key: StaticString, _ value: Int, to bytes: inout [UInt8]) {
        appendKey(key, to: &bytes)
        appendInteger(value, to: &bytes)
    }

    /// Appends `"key":`, after a comma unless it is the object's first
    /// member: a member follows either the object's `{` or another member's
    /// value, and no value ends with `{`.
    static func appendKey(_ key: StaticString, to bytes: inout [UInt8]) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// `\uXXXX`, lower-case hex digits.
    private static func appendEscape(_ unit: UInt16, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int(unit >> UInt16(shift) & 0xF)])
        }
    }
}
