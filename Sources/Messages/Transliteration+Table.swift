extension Transliteration {
    /// What each character outside GSM 03.38 becomes, by Unicode scalar.
    ///
    /// The first block is DOMAIN.md §2's list; the others are the same idea
    /// applied to what French texts pasted from a word processor or a web
    /// page also carry (other Latin accents, typographic quotes and dashes,
    /// Unicode spaces, invisible characters). Every value is GSM-7 basic
    /// text (a test checks it), so applying twice changes nothing.
    static let table: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        func map(_ characters: String, to replacement: String) {
            for scalar in characters.unicodeScalars { table[scalar.value] = replacement }
        }
        // DOMAIN.md §2 (seed 000) and the brief.
        map("êë", to: "e")
        map("â", to: "a")
        map("îï", to: "i")
        map("ô", to: "o")
        map("û", to: "u")
        map("ç", to: "c")
        map("œ", to: "oe")
        map("Œ", to: "OE")
        map("ÀÂ", to: "A")
        map("ÈÊË", to: "E")
        map("ÎÏ", to: "I")
        map("Ô", to: "O")
        map("ÙÛ", to: "U")
        map("\u{2019}\u{2018}", to: "'")  // ’ ‘
        map("«»\u{201C}\u{201D}", to: "\"")  // « » “ ”
        map("\u{2013}\u{2014}", to: "-")  // – —
        map("\u{2026}", to: "...")  // …
        // NBSP, narrow NBSP (French typography before ; : ! ?), and the other
        // Unicode spaces; a tab too.
        map("\u{00A0}\u{202F}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{205F}\u{3000}\t",
            to: " ")

        // Other Latin letters with accents GSM-7 lacks.
        map("áã", to: "a")
        map("ÁÃ", to: "A")
        map("í", to: "i")
        map("Í", to: "I")
        map("óõ", to: "o")
        map("ÓÕ", to: "O")
        map("ú", to: "u")
        map("Ú", to: "U")
        map("ýÿ", to: "y")
        map("ÝŸ", to: "Y")
        // Other quotes, dashes and marks.
        map("\u{201A}\u{201B}\u{2032}\u{00B4}`", to: "'")  // ‚ ‛ ′ ´ `
        map("\u{201E}\u{201F}\u{2033}", to: "\"")  // „ ‟ ″
        map("\u{2010}\u{2011}\u{2012}\u{2015}\u{2212}", to: "-")  // ‐ ‑ ‒ ― −
        map("\u{2022}", to: "-")  // •
        // Invisible: zero-width space, byte order mark, soft hyphen.
        map("\u{200B}\u{FEFF}\u{00AD}", to: "")
        return table
    }()
}
