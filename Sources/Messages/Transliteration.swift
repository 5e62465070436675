/// GSM-7 transliteration (DOMAIN.md §2), on by default in texto-render.
///
/// Seed 000: extended characters "seront automatiquement remplacés ... par un
/// équivalent simplifié". Each character outside GSM 03.38 that has a plain
/// equivalent is replaced by it, so that a French message stays in GSM-7
/// (160 characters per SMS instead of 70). Letters that GSM-7 has (`é è à ù
/// É Ç ...`) are kept.
public struct Transliteration: Sendable {
    public init() {}

    /// The text with every character outside GSM 03.38 replaced by its
    /// equivalent (ê → e, œ → oe, ’ → ', « → ", … → ..., NBSP → space: see
    /// `Transliteration.table`); characters with no equivalent (emoji, CJK)
    /// stay (the message then is UCS-2). `replaced` counts each original
    /// character replaced (e.g. ["ê": 2, "’": 1]).
    ///
    /// The text is NFC-normalized first, so a decomposed `e` + U+0302 is
    /// counted and replaced as one `ê`.
    public func apply(_ text: String, replaced: inout [Character: Int]) -> String {
        let text = SMS.normalize(text)
        if SMS.count(text).encoding == .gsm7 { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            let scalars = character.unicodeScalars
            if scalars.count == 1, let replacement = Self.table[scalars.first!.value] {
                result += replacement
                replaced[character, default: 0] += 1
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Characters that stay non-GSM after transliteration (for the warning),
    /// counted. A character is a grapheme cluster: a family emoji is one.
    public func untransliterable(_ text: String) -> [Character: Int] {
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
