/// How a numeric cell is rendered, decided once per style from its number
/// format (calamine's approach: one "is a date" answer per style, not per cell).
enum NumberRendering: Equatable {
    /// Excel's General format: up to 15 significant digits.
    case general
    /// A date, a time or both; which one is decided by the value as calamine
    /// does (an integral serial is a date, a serial below 1 a time).
    case dateTime
    /// Elapsed time (`[h]:mm:ss`): hours beyond 24 are kept.
    case duration
    /// Digit placeholders and literals only (`0000000000`, `00 00 00 00 00`):
    /// printed as Excel shows them, leading zeros included.
    case digits(DigitPattern)
}

/// A format made of `0`/`#` placeholders and literal text, applied to whole
/// numbers: the zero-padded phone and postcode formats accountants use.
struct DigitPattern: Equatable {
    enum Token: Equatable {
        case zero
        case optional
        case literal([UInt8])
    }
    var tokens: [Token]
    var placeholderCount: Int

    /// Renders a non-negative whole number: placeholders are filled from the
    /// right; digits beyond the placeholders go before the first one.
    func render(_ value: UInt64, into output: inout [UInt8]) {
        var digits: [UInt8] = []
        var remaining = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(remaining % 10))
            remaining /= 10
        } while remaining > 0
        if value == 0 { digits = [] }  // "0" comes from a `0` placeholder
        // digits[0] is the units digit.
        var placeholdersLeft = placeholderCount
        var reversed: [UInt8] = []
        var nextDigit = 0
        for token in tokens.reversed() {
            switch token {
            case .literal(let bytes):
                reversed.append(contentsOf: bytes.reversed())
            case .zero, .optional:
                placeholdersLeft -= 1
                if placeholdersLeft == 0 {
                    // The leftmost placeholder takes every remaining digit.
                    if nextDigit < digits.count {
                        reversed.append(contentsOf: digits[nextDigit...])
                        nextDigit = digits.count
                    } else if token == .zero {
                        reversed.append(UInt8(ascii: "0"))
                    }
                } else if nextDigit < digits.count {
                    reversed.append(digits[nextDigit])
                    nextDigit += 1
                } else if token == .zero {
                    reversed.append(UInt8(ascii: "0"))
                }
            }
        }
        output.append(contentsOf: reversed.reversed())
    }
}

enum NumberFormat {
    /// The rendering for a built-in format id (ECMA-376 Part 1 §18.8.30).
    /// 14-17 dates, 18-21 times, 22 date and time, 45-47 minutes and elapsed
    /// time, 27-36 and 50-58 East Asian date formats.
    static func builtIn(_ id: Int) -> NumberRendering {
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return .dateTime
        case 46: return .duration
        default: return .general
        }
    }

    /// The rendering for a custom format code, from its first section.
    /// Text in quotes, `\`-escaped characters, `_`/`*` padding and bracketed
    /// parts (`[$-40C]`, `[Red]`, conditions) are skipped; `[h]`, `[mm]`,
    /// `[ss]` mark elapsed time. Any remaining d, m, y, h or s makes it a date.
    static func classify(_ code: String) -> NumberRendering {
        let bytes = Array(code.utf8)
        if code.lowercased() == "general" || code == "@" { return .general }
        var index = 0
        var sawDatePart = false
        var sawElapsed = false
        var tokens: [DigitPattern.Token] = []
        var placeholders = 0
        var onlyDigitsAndLiterals = true
        func literal(_ bytes: [UInt8]) {
            if case .literal(let previous)? = tokens.last {
                tokens[tokens.count - 1] = .literal(previous + bytes)
            } else {
                tokens.append(.literal(bytes))
            }
        }
        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: ";"):
                break scan
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                literal(Array(bytes[min(index + 1, bytes.count)..<min(end, bytes.count)]))
                index = end + 1
            case UInt8(ascii: "\\"):
                if index + 1 < bytes.count { literal([bytes[index + 1]]) }
                index += 2
            case UInt8(ascii: "_"), UInt8(ascii: "*"):
                // `_x` leaves the width of x; `*x` fills with x.
                if byte == UInt8(ascii: "_") { literal([UInt8(ascii: " ")]) } else { onlyDigitsAndLiterals = false }
                index += 2
            case UInt8(ascii: "["):
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "]") { end += 1 }
                let inside = String(decoding: bytes[min(index + 1, bytes.count)..<min(end, bytes.count)], as: UTF8.self).lowercased()
                if !inside.isEmpty, inside.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) {
                    sawElapsed = true
                } else if !inside.hasPrefix("$") {
                    onlyDigitsAndLiterals = false  // a colour or a condition
                }
                index = end + 1
            case UInt8(ascii: "0"):
                tokens.append(.zero)
                placeholders += 1
                index += 1
            case UInt8(ascii: "#"):
                tokens.append(.optional)
                placeholders += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "/"), UInt8(ascii: "+"):
                literal([byte])
                index += 1
            default:
                switch byte | 0x20 {
                case UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "y"), UInt8(ascii: "h"), UInt8(ascii: "s"):
                    sawDatePart = true
                case UInt8(ascii: "e") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "+") || bytes[index + 1] == UInt8(ascii: "-")):
                    break  // scientific notation
                case UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "b"):
                    // Era and Buddhist years (East Asian and Thai dates).
                    sawDatePart = true
                default:
                    break
                }
                onlyDigitsAndLiterals = false
                index += 1
            }
        }
        if sawElapsed { return .duration }
        if sawDatePart { return .dateTime }
        if onlyDigitsAndLiterals, placeholders > 1, tokens.contains(.zero),
           !tokens.contains(where: { if case .literal(let bytes) = $0 { return bytes.contains(UInt8(ascii: "%")) } else { return false } }) {
            // "0" alone is General for whole numbers; two or more placeholders
            // with at least one zero pad (0000000000, 00 00 00 00 00).
            return .digits(DigitPattern(tokens: tokens, placeholderCount: placeholders))
        }
        return .general
    }
}
