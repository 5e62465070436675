import Testing
@testable import Messages

@Suite("GSM-7 transliteration (DOMAIN.md §2)")
struct TransliterationTests {
    static let transliteration = Transliteration()

    /// DOMAIN.md §2's list and the brief's, one row per character.
    static let required: [(Character, String)] = [
        ("ê", "e"), ("ë", "e"), ("â", "a"), ("î", "i"), ("ï", "i"), ("ô", "o"), ("û", "u"), ("ç", "c"),
        ("œ", "oe"), ("Œ", "OE"), ("À", "A"), ("Â", "A"), ("È", "E"), ("Ê", "E"), ("Ë", "E"),
        ("Î", "I"), ("Ï", "I"), ("Ô", "O"), ("Ù", "U"), ("Û", "U"),
        ("\u{2019}", "'"), ("\u{2018}", "'"), ("«", "\""), ("»", "\""), ("\u{201C}", "\""), ("\u{201D}", "\""),
        ("\u{2013}", "-"), ("\u{2014}", "-"), ("\u{2026}", "..."),
        ("\u{A0}", " "), ("\u{202F}", " "), ("\u{2009}", " "), ("\u{2007}", " "), ("\u{3000}", " "),
    ]

    /// Beyond the list: other accents and marks pasted French text carries.
    static let extra: [(Character, String)] = [
        ("ÿ", "y"), ("Ÿ", "Y"), ("á", "a"), ("Á", "A"), ("ó", "o"), ("ú", "u"), ("í", "i"), ("ã", "a"), ("õ", "o"),
        ("`", "'"), ("´", "'"), ("„", "\""), ("\u{2212}", "-"), ("\u{2011}", "-"), ("\t", " "),
        ("\u{200B}", ""), ("\u{FEFF}", ""), ("\u{AD}", ""),
    ]

    @Test("each character and its equivalent", arguments: required + extra)
    func each(_ character: Character, _ expected: String) {
        var replaced: [Character: Int] = [:]
        let text = "x" + String(character) + "y"
        #expect(Self.transliteration.apply(text, replaced: &replaced) == "x" + expected + "y")
        #expect(replaced == [character: 1])
        #expect(SMS.count(Self.transliteration.apply(text, replaced: &replaced)).encoding == .gsm7)
    }

    @Test("every replacement in the table is GSM-7 basic text")
    func tableIsGSM() {
        for (scalar, replacement) in Transliteration.table {
            #expect(GSMAlphabet.septets(Unicode.Scalar(scalar)!) == 0, "U+\(String(scalar, radix: 16)) is already GSM")
            #expect(replacement.unicodeScalars.allSatisfy { GSMAlphabet.septets($0) == 1 }, "\(replacement)")
        }
    }

    @Test("the GSM-7 letters stay as they are", arguments: ["àéèùÉìòÇÄÖÜäöüñÑ", "12 € [promo] ~ | ^ {x} \\", "a\r\nb"])
    func gsmStays(_ text: String) {
        var replaced: [Character: Int] = [:]
        #expect(Self.transliteration.apply(text, replaced: &replaced) == text)
        #expect(replaced.isEmpty)
    }

    @Test("a French message: counted replacements, GSM-7 after")
    func frenchMessage() {
        var replaced: [Character: Int] = [:]
        let text = "Hélène, la fête de Noël approche\u{202F}! Profitez de nos «\u{A0}offres\u{A0}» – c’est l’été… À très vite, Benoît."
        let result = Self.transliteration.apply(text, replaced: &replaced)
        #expect(result == "Hélène, la fete de Noel approche ! Profitez de nos \" offres \" - c'est l'été... A très vite, Benoit.")
        #expect(replaced == ["ê": 1, "ë": 1, "\u{202F}": 1, "«": 1, "»": 1, "\u{A0}": 2, "–": 1, "’": 2, "…": 1, "À": 1, "î": 1])
        #expect(SMS.count(result).encoding == .gsm7)
        #expect(Self.transliteration.untransliterable(text).isEmpty)
    }

    @Test("replaced accumulates over calls")
    func accumulates() {
        var replaced: [Character: Int] = [:]
        _ = Self.transliteration.apply("fête", replaced: &replaced)
        _ = Self.transliteration.apply("crêpe, ça", replaced: &replaced)
        #expect(replaced == ["ê": 2, "ç": 1])
    }

    @Test("a decomposed character is normalized, then replaced as one")
    func decomposed() {
        var replaced: [Character: Int] = [:]
        #expect(Self.transliteration.apply("fe\u{302}te c\u{327}a", replaced: &replaced) == "fete ca")
        #expect(replaced == ["ê": 1, "ç": 1])
    }

    @Test("emoji and CJK stay, make the message UCS-2, and are reported")
    func untransliterable() {
        var replaced: [Character: Int] = [:]
        let text = "Fête 🎉🎉 中文 👨‍👩‍👧 ok"
        let result = Self.transliteration.apply(text, replaced: &replaced)
        #expect(result == "Fete 🎉🎉 中文 👨‍👩‍👧 ok")
        #expect(replaced == ["ê": 1])
        #expect(SMS.count(result).encoding == .ucs2)
        #expect(Self.transliteration.untransliterable(text) == ["🎉": 2, "中": 1, "文": 1, "👨‍👩‍👧": 1])
    }

    @Test("transliterating twice changes nothing", arguments: [
        "Hélène, la fête… «\u{A0}promo\u{A0}» 🎉", "ça coûte 5 € — Œuvre", "plain text", "",
    ])
    func idempotent(_ text: String) {
        var replaced: [Character: Int] = [:]
        let once = Self.transliteration.apply(text, replaced: &replaced)
        var again: [Character: Int] = [:]
        #expect(Self.transliteration.apply(once, replaced: &again) == once)
        #expect(again.isEmpty)
    }
}
