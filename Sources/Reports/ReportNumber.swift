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

    /// An amount of euros to the cent: `1 234,50 €` / `EUR 1,234.50`.
    public func euros(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded(.toNearestOrAwayFromZero))
        let decimals = (cents % 100 < 10 ? "0" : "") + String(cents % 100)
        return self == .fr ? "\(count(cents / 100)),\(decimals)\u{202F}€" : "EUR \(count(cents / 100)).\(decimals)"
    }
}
