import Foundation

/// The price of one SMS unit, as gateways quote it: euros to four decimals
/// (0.045, 0.0456). Held in ten-thousandths of a euro, so that a cost is an
/// exact count; from 0 to `maximum`, far above any SMS price and low enough
/// that a cost stays exact for any number of units a store can hold.
public struct UnitPrice: Sendable, Hashable, ExpressibleByFloatLiteral {
    public let tenThousandths: Int

    /// 100 euros: no SMS costs that; a price above it is a typo.
    public static let maximum = 1_000_000

    /// `euros`, rounded half up to the ten-thousandth; nil when it is not a
    /// number, below 0 or above 100.
    public init?(euros: Double) {
        guard euros.isFinite, euros >= 0, euros * 10_000 <= Double(Self.maximum) else { return nil }
        tenThousandths = Int((euros * 10_000).rounded(.toNearestOrAwayFromZero))
    }

    /// `0.045` or `0,045` (a French decimal comma), surrounding spaces allowed.
    public init?(parsing text: String) {
        guard let euros = Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else { return nil }
        self.init(euros: euros)
    }

    /// For prices written in code and tests; a literal out of range is a bug.
    public init(floatLiteral value: Double) {
        guard let price = UnitPrice(euros: value) else { preconditionFailure("\(value) is not a unit price (0 to 100 euros)") }
        self = price
    }

    /// What `units` SMS cost at this price, in ten-thousandths of a euro.
    public func cost(units: Int) -> Int { units * tenThousandths }

    /// What the option or key takes, for error messages.
    public static let expected = "a price in euros from 0 to 100, e.g. 0.045"
}

/// Amounts in euros, exact: counted in ten-thousandths of a euro (prices
/// are quoted to 4 decimals, e.g. 0.0450), shown to the cent, half up.
public enum Money {
    /// `2,66` (French) or `2.66`; `decimals` 4 shows a unit price (`0,045`).
    public static func format(tenThousandths amount: Int, decimals: Int = 2, french: Bool) -> String {
        let scale = decimals >= 4 ? 1 : 100
        let units = decimals >= 4 ? amount : cents(amount)
        let whole = units / (10_000 / scale)
        var fraction = String(abs(units % (10_000 / scale)))
        fraction = String(repeating: "0", count: (decimals >= 4 ? 4 : 2) - fraction.count) + fraction
        if decimals >= 4 { while fraction.count > 2, fraction.hasSuffix("0") { fraction.removeLast() } }
        return "\(whole)\(french ? "," : ".")\(fraction)"
    }

    /// An amount in euros, to the cent (half up): for a spreadsheet cell.
    public static func euros(tenThousandths amount: Int) -> Double {
        Double(cents(amount)) / 100
    }

    /// Ten-thousandths to cents, half up (away from zero).
    private static func cents(_ amount: Int) -> Int { (amount + (amount >= 0 ? 50 : -50)) / 100 }
}
