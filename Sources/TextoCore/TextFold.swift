import Foundation

/// Folds text the way users expect filters to compare it: without case,
/// without accents, without surrounding spaces (`Oui` = `oui` = ` OUI `,
/// `Bretagne` = `bretagne`, `Hélène` = `helene`).
///
/// Works on UTF-8 bytes: ASCII is lowercased in place; Latin letters with
/// diacritics (U+00C0-U+024F) map through a table built once from
/// Foundation's folding (`œ` → `oe`, `ß` → `ss`); anything else is kept.
package enum TextFold {
    /// Folded UTF-8 for U+00C0...U+024F, indexed by `scalar - 0xC0`.
    private static let latin: [[UInt8]] = (0xC0...0x24F).map { value in
        let text = String(Character(Unicode.Scalar(value)!))
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let ligatures: [String: String] = ["œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ŀ": "l"]
        return Array((ligatures[folded] ?? folded).utf8)
    }

    /// Folds `text` into `output` (cleared first).
    package static func fold(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        guard var index = text.indices.first else { return }
        var end = text.count
        while index < end, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
        while end > index, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        while index < end {
            let byte = text[index]
            if byte < 0x80 {
                output.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                index += 1
            } else if byte >= 0xC3, byte <= 0xC9, index + 1 < end {
                let scalar = (Int(byte & 0x1F) << 6) | Int(text[index + 1] & 0x3F)
                if scalar >= 0xC0, scalar <= 0x24F {
                    output.append(contentsOf: latin[scalar - 0xC0])
                } else {
                    output.append(byte)
                    output.append(text[index + 1])
                }
                index += 2
            } else if byte == 0xC2, index + 1 < end, text[index + 1] == 0xA0 {
                output.append(0x20)  // NBSP
                index += 2
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// The folded bytes of `text`.
    package static func fold(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var text = text
        text.withUTF8 { fold($0, into: &output) }
        return output
    }
}
