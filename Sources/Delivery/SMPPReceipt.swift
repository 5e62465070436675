import TextoCore

/// An SMPP 3.4 delivery receipt (appendix B of the specification), as
/// SMSCs put it in the text of a `deliver_sm`:
/// `id:0000000012345678 sub:001 dlvrd:001 submit date:2611281600 done
/// date:2611281601 stat:DELIVRD err:000 text:Bonjour Yann`.
public struct SMPPReceipt: Sendable, Equatable {
    /// The receipt's `stat` word (DOMAIN.md §4).
    public enum Stat: String, Sendable, CaseIterable {
        case delivered = "DELIVRD"
        case expired = "EXPIRED"
        case deleted = "DELETED"
        case undeliverable = "UNDELIV"
        case accepted = "ACCEPTD"
        case unknown = "UNKNOWN"
        case rejected = "REJECTD"
        case enroute = "ENROUTE"
        case buffered = "BUFFRED"

        /// True for a state after which nothing more will come.
        public var isFinal: Bool {
            switch self {
            case .delivered, .expired, .deleted, .undeliverable, .rejected, .unknown: return true
            case .accepted, .enroute, .buffered: return false
            }
        }
    }

    /// The message id as the SMSC writes it (hex or decimal, any case).
    public var id: String
    public var submitted: Int
    public var delivered: Int
    /// Paris wall clock, Unix seconds.
    public var submitDate: Int
    public var doneDate: Int
    public var stat: Stat
    /// Three digits, network or SMSC specific.
    public var error: String
    /// The first characters of the message (at most 20).
    public var text: String

    public init(id: String, submitted: Int = 1, delivered: Int, submitDate: Int, doneDate: Int, stat: Stat, error: String = "000",
                text: String) {
        self.id = id
        self.submitted = submitted
        self.delivered = delivered
        self.submitDate = submitDate
        self.doneDate = doneDate
        self.stat = stat
        self.error = error
        self.text = text
    }

    /// The receipt text; dates as `YYMMDDhhmm`, or `YYMMDDhhmmss` with
    /// `seconds`, in Paris time; `Text:` instead of `text:` with `capitalText`.
    public func formatted(seconds: Bool = false, capitalText: Bool = false) -> String {
        func three(_ value: Int) -> String { String(repeating: "0", count: max(0, 3 - String(value).count)) + String(value) }
        return "id:\(id) sub:\(three(submitted)) dlvrd:\(three(delivered)) submit date:\(Self.date(submitDate, seconds: seconds))"
            + " done date:\(Self.date(doneDate, seconds: seconds)) stat:\(stat.rawValue) err:\(error)"
            + " \(capitalText ? "Text" : "text"):\(String(text.prefix(20)))"
    }

    /// `2611281600`: the Paris wall clock at `unixTime`.
    static func date(_ unixTime: Int, seconds: Bool) -> String {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let (year, month, day) = clock.date.components
        let second = clock.secondOfDay
        var digits = [year % 100, month, day, second / 3_600, second / 60 % 60]
        if seconds { digits.append(second % 60) }
        return digits.map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
    }
}
