/// How a numeric cell is rendered, decided once per style from its number
/// format (calamine's approach: one answer per style, not per cell).
enum NumberRendering: Equatable, Sendable {
    /// Excel's General format: up to 15 significant digits. Also every
    /// number format that is not a date, a duration or zero padding
    /// (`0.00`, `#,##0 €`, `0%`, `[Blue]General`): Texto outputs the number,
    /// not its decoration.
    case general
    /// A date, a time or both; which one is decided by the value as calamine
    /// does (an integral serial is a date, a serial below 1 a time).
    case dateTime
    /// Elapsed time (`[h]:mm:ss`): hours beyond 24 are kept.
    case duration
    /// Digit placeholders and literals only (`0000000000`, `00 00 00 00 00`):
    /// printed as Excel shows them, leading zeros included.
    case digits(DigitPattern)
    /// A format whose sections render differently (`[<1]hh:mm;0.00`): the
    /// value picks its section as Excel does.
    case sections(FormatSections)
}

extension NumberRendering {
    /// Rewrites the number at `arena[start..<arena.count]` as Texto outputs
    /// it under this rendering (README, "Values"). Text that is not a
    /// number is left as it is.
    @inline(__always)
    func render(_ arena: inout ByteArena, from start: Int, uses1904: Bool) {
        switch self {
        case .general:
            ExcelValues.renderGeneral(&arena, from: start)
        case .dateTime:
            if let serial = ExcelValues.parseDouble(arena.base + start, arena.count - start) {
                arena.count = start
                if !ExcelValues.appendDate(serial, uses1904: uses1904, to: &arena) {
                    ExcelValues.appendGeneral(serial, to: &arena)
                }
            }
        case .duration:
            if let serial = ExcelValues.parseDouble(arena.base + start, arena.count - start) {
                arena.count = start
                if !ExcelValues.appendDuration(serial, to: &arena) {
                    ExcelValues.appendGeneral(serial, to: &arena)
                }
            }
        case .digits(let pattern):
            if let value = ExcelValues.parseDouble(arena.base + start, arena.count - start), value >= 0, value < 1e15 {
                var bytes: [UInt8] = []
                pattern.render(UInt64(value.rounded()), into: &bytes)
                arena.count = start
                arena.append(bytes)
            } else {
                // Negative numbers keep their sign: General.
                ExcelValues.renderGeneral(&arena, from: start)
            }
        case .sections(let sections):
            guard let value = ExcelValues.parseDouble(arena.base + start, arena.count - start) else { return }
            sections.rendering(for: value).render(&arena, from: start, uses1904: uses1904)
        }
    }
}

/// The sections of a number format that numbers use, in Excel's order:
/// positive, negative, zero (ECMA-376 Part 1 §18.8.31; the fourth, text,
/// never applies to a number). Two sections give positive-and-zero,
/// negative; one gives all three. Conditions (`[<-25]`, `[>=100]`) on the
/// first two sections replace the sign: the first section whose condition
/// holds, else the second, or the third when both have conditions (the
/// rule SheetJS's SSF implements).
struct FormatSections: Equatable, Sendable {
    /// For positive, negative and zero values.
    var renderings: [NumberRendering]
    /// The conditions of the first two sections as `renderings` orders them.
    var conditions: [Condition?]

    /// The rendering Excel would use for `value`.
    func rendering(for value: Double) -> NumberRendering {
        if conditions[0] != nil || conditions[1] != nil {
            if conditions[0]?.holds(for: value) == true { return renderings[0] }
            if conditions[1]?.holds(for: value) == true { return renderings[1] }
            return conditions[0] != nil && conditions[1] != nil ? renderings[2] : renderings[1]
        }
        return value > 0 ? renderings[0] : value < 0 ? renderings[1] : renderings[2]
    }
}

/// A section's condition: `[<-25]`, `[>=100]`, `[=0]`, `[<>1]`.
struct Condition: Equatable, Sendable {
    enum Comparison: String, Sendable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "=", notEqual = "<>"
    }
    var comparison: Comparison
    var threshold: Double

    /// Parses the text between the brackets; nil when it is not a condition.
    init?(_ text: String) {
        let operatorText = text.prefix { $0 == "<" || $0 == ">" || $0 == "=" }
        guard let comparison = Comparison(rawValue: String(operatorText)),
              let threshold = Double(text.dropFirst(operatorText.count).drop { $0 == " " })
        else { return nil }
        self.comparison = comparison
        self.threshold = threshold
    }

    func holds(for value: Double) -> Bool {
        switch comparison {
        case .less: return value < threshold
        case .lessOrEqual: return value <= threshold
        case .greater: return value > threshold
        case .greaterOrEqual: return value >= threshold
        case .equal: return value == threshold
        case .notEqual: return value != threshold
        }
    }
}
