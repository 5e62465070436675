/// Classifies number format codes (ECMA-376 Part 1 §18.8.31) by their
/// tokens, section by section.
///
/// Only what decides Texto's output counts: date and time tokens (`d` `m`
/// `y` `h` `s`, `AM/PM` `A/P`, the East Asian era `g` `e` and the Buddhist
/// year `b`), elapsed time (`[h]` `[mm]` `[ss]`, the only brackets that
/// count), `General`, the text placeholder `@`, and the `0`/`#`
/// placeholders of zero padding. Everything that only decorates is skipped:
/// quoted text `"..."`, escapes `\x`, padding `_x`, fill `*x`, and bracketed
/// colours, conditions, locales and calendars (`[Red]` `[<-25]` `[$-40C]`
/// `[$€-40C]` `[DBNum1]` `[$-x-sysdate]`). A letter is never a date token
/// because it appears somewhere: `[Blue]General` and `General" kg"` are
/// General, and a postcode in them stays a postcode.
enum NumberFormat {
    /// The rendering for a built-in format id, from its code
    /// (`NumberFormat+BuiltIn.swift`); General for ids without one.
    static func builtIn(_ id: Int) -> NumberRendering {
        builtInRenderings[id] ?? .general
    }

    /// The rendering for a format code.
    ///
    /// Each section is classified on its own: elapsed time, else a date,
    /// else General, else zero padding, else General (a number shown with
    /// decimals, separators, a currency or a percent is output as General).
    /// The text section (the fourth, or a last one holding `@`) never
    /// applies to numbers. When the sections numbers use agree, that is
    /// the rendering; otherwise the value picks its section at render time,
    /// as Excel does (`FormatSections`).
    static func classify(_ code: String) -> NumberRendering {
        var sections = FormatSection.scan(Array(code.utf8))
        if sections.count > 4 { sections.removeLast(sections.count - 4) }
        if sections.count == 4 || sections.last!.hasTextPlaceholder { sections.removeLast() }
        let ordered: [FormatSection]
        switch sections.count {
        case 0: return .general  // `@`, `"Tél. "@`: text only; numbers show as General
        case 1: ordered = [sections[0], sections[0], sections[0]]
        case 2: ordered = [sections[0], sections[1], sections[0]]
        default: ordered = [sections[0], sections[1], sections[2]]
        }
        let renderings = ordered.map(\.rendering)
        if renderings.allSatisfy({ $0 == renderings[0] }) { return renderings[0] }
        return .sections(FormatSections(renderings: renderings, conditions: [ordered[0].condition, ordered[1].condition]))
    }
}

/// What one `;`-separated section of a format code holds.
struct FormatSection {
    var hasDateToken = false
    var hasElapsedTime = false
    var hasGeneral = false
    var hasTextPlaceholder = false
    var condition: Condition?
    /// Placeholders and literals, for zero padding.
    var tokens: [DigitPattern.Token] = []
    var placeholders = 0
    /// False once the section holds anything but `0`, `#` and literals
    /// (a decimal point, a thousands separator, a percent, a colour...).
    var onlyDigitsAndLiterals = true

    var rendering: NumberRendering {
        if hasElapsedTime { return .duration }
        if hasDateToken { return .dateTime }
        if hasGeneral { return .general }
        if onlyDigitsAndLiterals, placeholders > 1, tokens.contains(.zero) {
            // "0" alone is General for whole numbers; two or more
            // placeholders with at least one zero pad (0000000000, 00 00 00 00 00).
            return .digits(DigitPattern(tokens: tokens, placeholderCount: placeholders))
        }
        return .general
    }

    private mutating func literal(_ bytes: ArraySlice<UInt8>) {
        if case .literal(let previous)? = tokens.last {
            tokens[tokens.count - 1] = .literal(previous + bytes)
        } else {
            tokens.append(.literal(Array(bytes)))
        }
    }

    /// The sections of `code`, split at the `;` that are not quoted,
    /// escaped or bracketed; at least one.
    static func scan(_ code: [UInt8]) -> [FormatSection] {
        var sections = [FormatSection()]
        var index = 0
        /// The end of the UTF-8 character starting at `position`.
        func characterEnd(_ position: Int) -> Int {
            guard position < code.count else { return code.count }
            let lead = code[position]
            let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            return min(position + length, code.count)
        }
        func matches(_ word: String, at position: Int) -> Bool {
            let word = Array(word.utf8)
            guard position + word.count <= code.count else { return false }
            return (0..<word.count).allSatisfy { code[position + $0] | 0x20 == word[$0] | 0x20 }
        }
        while index < code.count {
            let byte = code[index]
            var section = sections.removeLast()
            defer { sections.append(section) }
            switch byte {
            case UInt8(ascii: ";"):
                sections.append(section)
                section = FormatSection()
                index += 1
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < code.count, code[end] != UInt8(ascii: "\"") { end += 1 }
                section.literal(code[min(index + 1, code.count)..<end])
                index = end + 1
            case UInt8(ascii: "\\"):
                let end = characterEnd(index + 1)
                section.literal(code[min(index + 1, code.count)..<end])
                index = end
            case UInt8(ascii: "_"):
                // `_x` leaves the width of x: a space in the digits.
                section.literal([UInt8(ascii: " ")])
                index = characterEnd(index + 1)
            case UInt8(ascii: "*"):
                // `*x` repeats x to fill the column: not a fixed pattern.
                section.onlyDigitsAndLiterals = false
                index = characterEnd(index + 1)
            case UInt8(ascii: "["):
                var end = index + 1
                while end < code.count, code[end] != UInt8(ascii: "]") { end += 1 }
                section.bracket(String(decoding: code[min(index + 1, code.count)..<end], as: UTF8.self))
                index = end + 1
            case UInt8(ascii: "@"):
                section.hasTextPlaceholder = true
                section.onlyDigitsAndLiterals = false
                index += 1
            case UInt8(ascii: "0"), UInt8(ascii: "#"):
                section.tokens.append(byte == UInt8(ascii: "0") ? .zero : .optional)
                section.placeholders += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"), UInt8(ascii: "+"):
                section.literal([byte])
                index += 1
            default:
                section.onlyDigitsAndLiterals = false
                if matches("general", at: index) {
                    section.hasGeneral = true
                    index += 7
                } else if matches("am/pm", at: index) || matches("a/p", at: index) {
                    section.hasDateToken = true
                    index += matches("am/pm", at: index) ? 5 : 3
                } else if byte | 0x20 == UInt8(ascii: "e"), index + 1 < code.count,
                          code[index + 1] == UInt8(ascii: "+") || code[index + 1] == UInt8(ascii: "-") {
                    index += 2  // scientific notation: E+ E-
                } else {
                    switch byte | 0x20 {
                    case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"),
                         UInt8(ascii: "g"), UInt8(ascii: "e"), UInt8(ascii: "b"):
                        // Day, month or minute, year, hour, second; era
                        // (g, e) and Buddhist year (b) of East Asian and Thai dates.
                        section.hasDateToken = true
                    default:
                        break  // a decimal point, a separator, a percent, other text
                    }
                    index = characterEnd(index)
                }
            }
        }
        return sections
    }

    /// A bracketed part: elapsed time counts and a condition is kept;
    /// colours, locales, calendars and native numerals change neither the
    /// class nor the digits, and are skipped.
    private mutating func bracket(_ text: String) {
        let lowered = text.lowercased()
        if let first = lowered.first, "hms".contains(first), lowered.allSatisfy({ $0 == first }) {
            hasElapsedTime = true
        } else if let condition = Condition(text) {
            self.condition = condition
        }
    }
}
