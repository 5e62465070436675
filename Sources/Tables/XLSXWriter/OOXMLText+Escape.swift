/// Writing text into SpreadsheetML: XML escapes, and the `_xHHHH_` escapes
/// of ECMA-376 Part 1 §22.9.2.19 (ST_Xstring) for what XML cannot carry.
extension OOXMLText {
    /// Writes `text` escaped at `target` and returns the bytes written (at
    /// most `worstEscapedLength(text.count)`):
    /// - `&`, `<`, `>` and `"` as entities (the same text serves in
    ///   attributes);
    /// - a carriage return as `&#13;`: a literal one would be read back as a
    ///   line feed (XML 1.0 §2.11);
    /// - the other control characters but tab and line feed, and U+FFFE and
    ///   U+FFFF, which XML 1.0 forbids even as references (§2.2), as
    ///   `_x000B_`, `_xFFFF_`: what Excel writes, and what Excel, LibreOffice,
    ///   openpyxl and `OOXMLText.unescape` decode;
    /// - a `_` that starts an `_xHHHH_` of the text itself as `_x005F_`, so
    ///   that it is not decoded (`_x0041_` stays `_x0041_`, not `A`).
    @inline(__always)
    static func escape(_ text: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = text.baseAddress else { return 0 }
        var index = 0
        while index < text.count, !needsEscape[Int(source[index])] { index += 1 }
        target.update(from: source, count: index)
        if index == text.count { return index }
        return index + escapeRest(source + index, text.count - index, to: target + index)
    }

    /// The bytes `escape` may write for `count` bytes of text: 7 per byte
    /// (`_x000B_` for one control character).
    @inline(__always)
    static func worstEscapedLength(_ count: Int) -> Int { 7 * count }

    /// True when XML would drop the text's leading or trailing white space
    /// unless told `xml:space="preserve"` (XML 1.0 §2.10).
    @inline(__always)
    static func needsPreserve(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        return isSpace(first) || isSpace(last)
    }

    /// The length of the longest prefix of `text` that Excel holds in a
    /// cell: at most 32,767 UTF-16 code units, cut before a whole
    /// character (never inside a UTF-8 sequence or a surrogate pair).
    @inline(__always)
    static func cellPrefixLength(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        // Each UTF-16 unit takes at least one UTF-8 byte.
        guard text.count > maximumCellLength else { return text.count }
        var units = 0
        var index = 0
        while index < text.count {
            let lead = text[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let width = length == 4 ? 2 : 1
            if units + width > maximumCellLength { break }
            units += width
            index += length
        }
        return index
    }

    /// Calls `body` with the UTF-8 bytes of `text`, copying them only for a
    /// string that does not store them contiguously.
    @inline(__always)
    static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(text.utf8).withUnsafeBufferPointer(body)
    }

    private static func escapeRest(_ source: UnsafePointer<UInt8>, _ count: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        func put(_ literal: StaticString) {
            (target + written).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
            written += literal.utf8CodeUnitCount
        }
        func putEscape(_ unit: UInt32) {
            let hex = ("0123456789ABCDEF" as StaticString).utf8Start
            target[written] = UInt8(ascii: "_")
            target[written + 1] = UInt8(ascii: "x")
            for digit in 0..<4 {
                target[written + 2 + digit] = hex[Int(unit >> (12 - 4 * UInt32(digit)) & 0xF)]
            }
            target[written + 6] = UInt8(ascii: "_")
            written += 7
        }
        while index < count {
            let byte = source[index]
            index += 1
            guard needsEscape[Int(byte)] else {
                target[written] = byte
                written += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            case UInt8(ascii: "\""): put("&quot;")
            case UInt8(ascii: "\r"): put("&#13;")
            case UInt8(ascii: "_"):
                if startsEscape(source + index - 1, count - index + 1) {
                    putEscape(0x5F)
                } else {
                    target[written] = byte
                    written += 1
                }
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                if index + 1 < count, source[index] == 0xBF, source[index + 1] >= 0xBE {
                    putEscape(0xFFFE + UInt32(source[index + 1] - 0xBE))
                    index += 2
                } else {
                    target[written] = byte
                    written += 1
                }
            default:
                putEscape(UInt32(byte))
            }
        }
        return written
    }

    /// True when `text` starts with `_xHHHH_`.
    private static func startsEscape(_ text: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard length >= 7, text[1] == UInt8(ascii: "x"), text[6] == UInt8(ascii: "_") else { return false }
        return (2..<6).allSatisfy { index in
            let byte = text[index]
            return byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
        }
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The bytes `escape` looks at twice: control characters but tab and
    /// line feed, `& < > " _`, and 0xEF (which starts U+FFFE and U+FFFF).
    private static let needsEscape: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in 0..<0x20 where byte != 0x09 && byte != 0x0A { table[byte] = true }
        for byte in "&<>\"_".utf8 { table[Int(byte)] = true }
        table[0xEF] = true
        return table
    }()
}
