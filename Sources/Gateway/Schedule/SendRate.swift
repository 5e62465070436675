/// How fast messages go out: `messages` every `seconds` seconds of open
/// window. Kept as a fraction so that `3000/min` or `7/min` spread messages
/// exactly (message 7 at 7/min is at 60 s, not 59.999...).
public struct SendRate: Hashable, Sendable, CustomStringConvertible {
    /// Messages per `seconds`, in lowest terms.
    public let messages: Int
    public let seconds: Int

    /// Nil unless both are above 0.
    public init?(messages: Int, per seconds: Int) {
        guard messages > 0, seconds > 0 else { return nil }
        var (a, b) = (messages, seconds)
        while b != 0 { (a, b) = (b, a % b) }
        self.messages = messages / a
        self.seconds = seconds / a
    }

    /// `perSecond` messages a second, to the thousandth; nil unless above 0
    /// (and at least 0.001).
    public init?(perSecond: Double) {
        guard perSecond.isFinite, perSecond > 0, perSecond < 1e12 else { return nil }
        self.init(messages: Int((perSecond * 1_000).rounded()), per: 1_000)
    }

    /// Messages a second.
    public var perSecond: Double { Double(messages) / Double(seconds) }

    /// Open-window seconds from the first message to message `index`,
    /// rounded down: send times are whole seconds.
    @inline(__always)
    func offset(ofMessage index: Int) -> Int {
        let (product, overflow) = index.multipliedReportingOverflow(by: seconds)
        return overflow ? Int(Double(index) * Double(seconds) / Double(messages)) : product / messages
    }

    /// `50/s`, `3000/min` becomes `50/s`, `7/min`, `5/2s`.
    public var description: String {
        switch seconds {
        case 1: "\(messages)/s"
        case 60: "\(messages)/min"
        case 3_600: "\(messages)/h"
        default: "\(messages)/\(seconds)s"
        }
    }
}
