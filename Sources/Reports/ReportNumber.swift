import TextoCore

/// Numbers as a report shows them: French by default (`9 140`, `94,7 %`,
/// a narrow no-break space between thousands and before the percent
/// sign, as CLDR's French formats have it), English on request (`9,140`,
/// `94.7%`).
extension Language {
    /// A count with its thousands grouped.
    public func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += self == .fr ? "\u{202F}" : "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A ratio as a percentage with one decimal, rounded half up.
    public func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1_000).rounded(.toNearestOrAwayFromZero))
        let text = count(tenths / 10) + (self == .fr ? "," : ".") + String(abs(tenths % 10))
        return self == .fr ? text + "\u{202F}%" : text + "%"
    }
}
