/// GSM-7 transliteration (DOMAIN.md §2), on by default in texto-render.
///
/// Seed 000: extended characters "seront automatiquement remplacés ... par un
/// équivalent simplifié". Each character outside GSM 03.38 that has a plain
/// equivalent is replaced by it, so that a French message stays in GSM-7
/// (160 characters per SMS instead of 70). Letters that GSM-7 has (`é è à ù
/// É Ç ...`) are kept.
package struct Transliteration: Sendable {
    package init() {}

    /// `table` as UTF-8 bytes, for the byte loop of `apply`.
    static let utf8Table: [UInt32: [UInt8]] = table.mapValues { Array($0.utf8) }

    /// Which ASCII bytes `table` replaces (backtick, tab...): bit `b` of the
    /// two words, so the byte loop tests a bit, not a table.
    static let asciiMask: (low: UInt64, high: UInt64) = utf8Table.keys.filter { $0 < 128 }.reduce((0, 0)) { mask, key in
        key < 64 ? (mask.0 | 1 << UInt64(key), mask.1) : (mask.0, mask.1 | 1 << UInt64(key - 64))
    }

    /// The text with every character outside GSM 03.38 replaced by its
    /// equivalent (ê → e, œ → oe, ’ → ', « → ", … → ..., NBSP → space: see
    /// `Transliteration.table`); characters with no equivalent (emoji, CJK)
    /// stay (the message then is UCS-2). `replaced` counts each original
    /// character replaced (e.g. ["ê": 2, "’": 1]).
    ///
    /// The text is NFC-normalized first, so a decomposed `e` + U+0302 is
    /// counted and replaced as one `ê`.
    package func apply(_ text: String, replaced: inout [Character: Int]) -> String {
        let text = SMS.normalize(text)
        var output: [UInt8] = []
        var source = text
        let changed = source.withUTF8 { transliterate($0, into: &output, replaced: &replaced) }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    /// Characters that stay non-GSM after transliteration (for the warning),
    /// counted. A character is a grapheme cluster: a family emoji is one.
    /// Appends the transliterated UTF-8 of `bytes` (already NFC) to
    /// `output`; returns whether anything was replaced. ASCII is copied as
    /// is; a non-ASCII scalar is looked up once (the table's keys are single
    /// scalars, and after NFC a replaceable letter is never followed by a
    /// mark that joins it).
    @discardableResult
    func transliterate(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], replaced: inout [Character: Int]) -> Bool {
        var changed = false
        output.reserveCapacity(output.count + bytes.count)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                let mask = Self.asciiMask
                let listed = lead < 64 ? mask.low >> UInt64(lead) & 1 : mask.high >> UInt64(lead - 64) & 1
                if listed == 1, let replacement = Self.utf8Table[UInt32(lead)] {
                    changed = true
                    output.append(contentsOf: replacement)
                    replaced[Character(Unicode.Scalar(lead)), default: 0] += 1
                } else {
                    output.append(lead)
                }
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else {
                output.append(contentsOf: bytes[index...])
                break
            }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            if let replacement = Self.utf8Table[value], let scalar = Unicode.Scalar(value) {
                changed = true
                output.append(contentsOf: replacement)
                replaced[Character(scalar), default: 0] += 1
            } else {
                output.append(contentsOf: bytes[index..<index + length])
            }
            index += length
        }
        return changed
    }

    package func untransliterable(_ text: String) -> [Character: Int] {
        var ignored: [Character: Int] = [:]
        let text = apply(text, replaced: &ignored)
        var left: [Character: Int] = [:]
        if SMS.count(text).encoding == .gsm7 { return left }
        for character in text where !GSMAlphabet.contains(character) {
            left[character, default: 0] += 1
        }
        return left
    }
}
