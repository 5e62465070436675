/// Labels and remarks people write around a number (issue 8): `Tél. 06 19
/// 35 49 84`, `Portable : 06…`, `N° 0033 6…`, `06… (pro)`, `06… perso`,
/// `"06/45/53/51/65"`, `« 06 19 35 49 84 »`.
///
/// The number runs from the first digit, `+` or `(` to the last digit;
/// what comes before it is a label, what comes after it a remark. Each side
/// must:
/// - hold only letters (ASCII, any other character that is not a space or
///   a quote, `°` and `º`), spaces, `.` `:` `-` `'` `"` and the typographic
///   quotes `« » ‘ ’ ‚ “ ” „`; a remark may also hold `(` `)` `,`.
///   Anything else (`#`, `/`, `;`, `=`, a line break...) makes the cell
///   letters as before;
/// - stand apart from the number: a label does not end with a letter other
///   than `°`/`º` (`O6 30 05 06 60`, `Tel0630050660`), a remark starts with
///   a space or a punctuation mark (`06 30 05 06 6O`, `0630050660pro`);
/// - be a label, not prose: at most `labelWords` words (runs of non-space
///   characters with a letter) and `labelCharacters` characters from its
///   first to its last non-space character;
/// - have no word of one ASCII letter alone, with or without punctuation:
///   in `O 6 30 05 06 60` the O is a zero mistyped, `x` and `p` mark
///   extensions. `N°` has two letters.
///
/// The parser then reads the number alone. It keeps that reading when it is
/// a valid number, or two numbers, or an extension (the label was not the
/// problem); otherwise the cell stays letters (`0800 FLEURS`: the letters
/// may be part of the number).
extension PhoneParser {
    /// The most words a label or a remark has.
    static let labelWords = 3
    /// The most characters a label or a remark spans (`Téléphone portable :`).
    static let labelCharacters = 20

    /// The bytes of the number when what stands around it in `start..<end`
    /// is a label and a remark (either may be empty, not both); nil otherwise.
    static func numberBetweenLabels(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int>? {
        var first = start
        while first < end {
            let byte = base[first]
            if byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") { break }
            first += 1
        }
        var last = end
        while last > first, base[last - 1] &- UInt8(ascii: "0") >= 10 { last -= 1 }
        guard last > first, first > start || last < end,
              isLabel(base, start, first, remark: false), isLabel(base, last, end, remark: true)
        else { return nil }
        return first..<last
    }

    private enum LabelCharacter {
        case space, punctuation, asciiLetter, letter
        /// `°`, `º`: letters of a word (`N°`) that may touch the number (`N°0033…`).
        case mark
        case forbidden
    }

    /// True when `from..<to` is empty or a label (before the number) or a
    /// remark (after it).
    private static func isLabel(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, remark: Bool) -> Bool {
        guard from < to else { return true }
        var index = from
        var position = 0  // characters so far
        var firstVisible = -1
        var lastVisible = -1
        var words = 0
        var asciiLetters = 0  // in the current word
        var otherLetters = 0
        var kind = LabelCharacter.space
        while index < to {
            let (character, width) = labelCharacter(base, index, to, remark: remark)
            kind = character
            switch kind {
            case .forbidden:
                return false
            case .space:
                if asciiLetters + otherLetters > 0 {
                    if asciiLetters == 1 && otherLetters == 0 { return false }
                    words += 1
                }
                asciiLetters = 0
                otherLetters = 0
            case .asciiLetter, .letter, .mark, .punctuation:
                if remark && index == from && kind != .punctuation { return false }
                if kind == .asciiLetter { asciiLetters += 1 } else if kind != .punctuation { otherLetters += 1 }
                if firstVisible < 0 { firstVisible = position }
                lastVisible = position
            }
            index += width
            position += 1
        }
        if asciiLetters + otherLetters > 0 {
            if asciiLetters == 1 && otherLetters == 0 { return false }
            words += 1
        }
        if !remark && (kind == .asciiLetter || kind == .letter) { return false }
        return words <= labelWords && lastVisible - firstVisible < labelCharacters
    }

    /// The class and UTF-8 width of the character at `index`.
    @inline(__always)
    private static func labelCharacter(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int, remark: Bool)
        -> (LabelCharacter, Int)
    {
        let byte = base[index]
        if let width = spaceWidth(base, index, end) { return (.space, width) }
        if byte < 0x80 {
            if isLetter(byte) { return (.asciiLetter, 1) }
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                return (.punctuation, 1)
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","):
                return (remark ? .punctuation : .forbidden, 1)
            default:
                return (.forbidden, 1)
            }
        }
        if byte == 0xC2, index + 1 < end {
            switch base[index + 1] {
            case 0xAB, 0xBB: return (.punctuation, 2)  // « »
            case 0xB0, 0xBA: return (.mark, 2)  // ° º
            default: break
            }
        }
        // U+2018-U+201F: ‘ ’ ‚ ‛ “ ” „ ‟
        if byte == 0xE2, index + 2 < end, base[index + 1] == 0x80, base[index + 2] >= 0x98, base[index + 2] <= 0x9F {
            return (.punctuation, 3)
        }
        let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return (.letter, min(width, end - index))
    }
}
