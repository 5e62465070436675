/// A format made of `0`/`#` placeholders and literal text, applied to whole
/// numbers: the zero-padded phone and postcode formats accountants use.
struct DigitPattern: Equatable, Sendable {
    enum Token: Equatable, Sendable {
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
