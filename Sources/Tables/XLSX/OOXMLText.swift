/// Text rules of SpreadsheetML strings (ECMA-376 Part 1 §22.9.2.19 ST_Xstring):
/// characters XML cannot carry are written `_xHHHH_`, and a literal `_x`
/// sequence is protected as `_x005F_xHHHH_`.
enum OOXMLText {
    /// Decodes `_xHHHH_` escapes in `text[0..<length]` in place (the result
    /// is never longer) and returns the new length. A UTF-16 surrogate pair
    /// written as two escapes becomes one character; a lone surrogate, U+FFFD.
    static func unescape(_ text: UnsafeMutablePointer<UInt8>, _ length: Int) -> Int {
        var read = 0
        var write = 0
        while read < length {
            if text[read] == UInt8(ascii: "_"), let unit = escapedUnit(text, read, length) {
                var scalar: UInt32 = unit
                var consumed = 7
                if (0xD800...0xDBFF).contains(unit) {
                    if let low = escapedUnit(text, read + 7, length), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        consumed = 14
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    scalar = 0xFFFD
                }
                write += encodeUTF8(scalar, into: text + write)
                read += consumed
            } else {
                text[write] = text[read]
                write += 1
                read += 1
            }
        }
        return write
    }

    /// The code unit of an escape `_xHHHH_` starting at `at`, if there is one.
    @inline(__always)
    private static func escapedUnit(_ text: UnsafeMutablePointer<UInt8>, _ at: Int, _ length: Int) -> UInt32? {
        guard at + 7 <= length, text[at] == UInt8(ascii: "_"), text[at + 1] == UInt8(ascii: "x"),
              text[at + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt32 = 0
        for index in at + 2..<at + 6 {
            let byte = text[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Writes `scalar` as UTF-8 (1-4 bytes; an escape is 7, so it fits).
    private static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = 0xC0 | UInt8(scalar >> 6)
            output[1] = 0x80 | UInt8(scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            output[0] = 0xE0 | UInt8(scalar >> 12)
            output[1] = 0x80 | UInt8(scalar >> 6 & 0x3F)
            output[2] = 0x80 | UInt8(scalar & 0x3F)
            return 3
        default:
            output[0] = 0xF0 | UInt8(scalar >> 18)
            output[1] = 0x80 | UInt8(scalar >> 12 & 0x3F)
            output[2] = 0x80 | UInt8(scalar >> 6 & 0x3F)
            output[3] = 0x80 | UInt8(scalar & 0x3F)
            return 4
        }
    }

    /// True when `text` may hold an escape (a quick scan before `unescape`).
    @inline(__always)
    static func mayHoldEscape(_ text: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard length >= 7 else { return false }
        for index in 0..<(length - 6) where text[index] == UInt8(ascii: "_") && text[index + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// Excel's limit on a cell's text.
    static let maximumCellLength = 32_767

    /// The length of UTF-8 text in UTF-16 code units, as Excel counts
    /// characters.
    static func utf16Length(_ text: UnsafePointer<UInt8>, _ length: Int) -> Int {
        var units = 0
        for index in 0..<length {
            let byte = text[index]
            if byte & 0xC0 != 0x80 { units += 1 }
            if byte >= 0xF0 { units += 1 }
        }
        return units
    }
}
