import TextoCore

/// A valid number: its E.164 form, where it belongs and what it is for.
public struct PhoneNumber: Hashable, Sendable {
    /// The E.164 digits as one integer (`33630050660` for `+33630050660`):
    /// at most 15 digits, and a country code never starts with 0, so the
    /// integer is unique. It is the deduplication key.
    public let e164: UInt64
    package let countryCode: Int
    /// Index of the territory in the plan.
    package let territory: Int
    package let kind: PhoneKind

    /// `+33630050660`.
    package var e164String: String { "+" + String(e164) }

    /// Appends `+` and the digits to `buffer` without allocating a String.
    package func appendE164(to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "+"))
        buffer.appendDecimal(e164)
    }
}

/// Why a text is not a number Texto can use. The raw value names say it in
/// the rejects file (`invalid:letters`).
public enum PhoneProblem: String, Sendable, Equatable {
    /// Fewer digits than any number of the territory.
    case tooShort = "too_short"
    /// More digits than any number of the territory.
    case tooLong = "too_long"
    /// A letter or a character no phone number has (`06 30 05 06 6O`).
    case letters
    /// Two numbers in one cell (`06 30 05 06 60 / 06 11 22 33 44`).
    case twoNumbers = "two_numbers"
    /// An extension (`… poste 12`): an SMS cannot reach it.
    case `extension`
    /// Excel's scientific notation (`6.3005066E+08`): digits were lost.
    case scientificNotation = "scientific_notation"
    /// A possible length, but in a range the plan does not assign.
    case unallocated
}

/// What the parser makes of a cell.
public enum PhoneParse: Equatable, Sendable {
    /// A valid number of a territory of the plan (any kind).
    case number(PhoneNumber)
    /// Nothing, or a placeholder that means nothing (`néant`, `N/A`, `-`).
    case missing
    /// Not a usable number, and why.
    case invalid(PhoneProblem)
    /// A well-formed international number of a country outside the plan.
    case foreign(countryCode: Int)
}
