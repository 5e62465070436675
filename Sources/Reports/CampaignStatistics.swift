import Store
import TextoCore

/// The statistics of one campaign, as analysts read them the morning after
/// (DOMAIN.md §5, Hélium's card): recipients, delivered, not delivered
/// (no indication either way: expired, no final report yet), failed
/// (an explicit failure); the first three add up to the recipients. With
/// the STOP and other replies, the SMS units, the delivery latency, the
/// deliveries per hour, the failures by status and error code, and the
/// outcomes by département.
///
/// Computed in one pass over the campaign's messages, one at a time:
/// memory does not grow with the number of messages.
public struct CampaignStatistics: Sendable, Equatable {
    public let campaign: String
    public private(set) var recipients = 0
    public private(set) var delivered = 0
    public private(set) var failed = 0
    /// Expired, or without a final report (of which `pending` have none yet).
    public private(set) var notDelivered = 0
    public private(set) var pending = 0
    /// Numbers that replied STOP to the campaign, and those that replied something else.
    public internal(set) var stops = 0
    public internal(set) var otherReplies = 0
    /// SMS units billed (segments).
    public private(set) var units = 0
    /// The latest send time (Unix seconds); nil without a message.
    public private(set) var lastSend: Int?
    /// Seconds from the send to the delivery, of the delivered messages.
    public private(set) var latency = Latency()
    /// Deliveries per hour they came in: the hour's start (Unix seconds) → count.
    public private(set) var deliveriesByHour: [Int: Int] = [:]
    /// Failures by the status word and error code that decided them (`UNDELIV 001`).
    public private(set) var failures: [String: Int] = [:]
    /// Per département (from the contact's postal code; `?` without one): recipients, delivered, failed.
    public private(set) var departements: [String: Outcomes] = [:]

    /// Counts of one group of messages.
    public struct Outcomes: Sendable, Equatable {
        public var recipients = 0
        public var delivered = 0
        public var failed = 0

        public init(recipients: Int = 0, delivered: Int = 0, failed: Int = 0) {
            self.recipients = recipients
            self.delivered = delivered
            self.failed = failed
        }
    }

    public init(campaign: String) {
        self.campaign = campaign
    }

    /// Reads the campaign's messages and replies from `store`.
    public init(campaign: String, store: TextoStore) throws {
        self.init(campaign: campaign)
        try store.forEachMessage(ofCampaign: campaign) { add($0) }
        (stops, otherReplies) = try store.repliers(toCampaign: campaign)
    }

    mutating func add(_ message: ReportedMessage) {
        recipients += 1
        units += message.segments
        if lastSend.map({ message.scheduledAt > $0 }) ?? true { lastSend = message.scheduledAt }
        let departement = message.postalCode.flatMap(Departement.of(postalCode:)) ?? "?"
        departements[departement, default: Outcomes()].recipients += 1
        switch message.state {
        case "delivered":
            delivered += 1
            departements[departement]?.delivered += 1
            if let at = message.outcomeAt {
                latency.add(seconds: at - message.scheduledAt)
                deliveriesByHour[at - at % 3_600, default: 0] += 1
            }
        case "failed":
            failed += 1
            departements[departement]?.failed += 1
            failures[[message.status, message.errorCode].compactMap { $0 }.joined(separator: " "), default: 0] += 1
        case nil, "pending":
            notDelivered += 1
            pending += 1
        default:
            notDelivered += 1
        }
    }

    /// The units' cost at `unitPrice` each, in euros to the cent (counted
    /// as the emit counts it).
    public func cost(unitPrice: UnitPrice) -> Double {
        Money.euros(tenThousandths: unitPrice.cost(units: units))
    }

    /// `part` of the recipients, as a ratio (0 when there are none).
    public func ratio(_ part: Int) -> Double {
        recipients == 0 ? 0 : Double(part) / Double(recipients)
    }
}

/// Delivery latencies, kept as a histogram of whole seconds up to 48 hours
/// (later ones in one last bucket): exact median and 90th percentile
/// below that, with a fixed memory whatever the number of messages.
public struct Latency: Sendable, Equatable {
    /// Seconds beyond which latencies share one bucket (a network gives up after 48 hours).
    public static let limit = 48 * 3_600
    private var counts: [Int32] = []
    public private(set) var count = 0
    public private(set) var maximum: Int?

    mutating func add(seconds: Int) {
        let seconds = max(0, seconds)
        if counts.isEmpty { counts = Array(repeating: 0, count: Self.limit + 1) }
        counts[min(seconds, Self.limit)] += 1
        count += 1
        maximum = max(maximum ?? 0, seconds)
    }

    /// The latency at or below which `fraction` of them are (nearest rank); nil when there are none.
    public func percentile(_ fraction: Double) -> Int? {
        guard count > 0 else { return nil }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
        var seen = 0
        for (seconds, bucket) in counts.enumerated() {
            seen += Int(bucket)
            if seen >= rank { return seconds == Self.limit ? maximum : seconds }
        }
        return maximum
    }

    public var median: Int? { percentile(0.5) }
    public var p90: Int? { percentile(0.9) }

    /// Counts per bucket of the histogram a report draws: under 10 s, 30 s,
    /// 1 min, 5 min, 15 min, 1 h, 6 h, 48 h, and later.
    public var histogram: [(upTo: Int?, count: Int)] {
        let edges = [10, 30, 60, 300, 900, 3_600, 21_600, Self.limit]
        var result: [(upTo: Int?, count: Int)] = []
        var start = 0
        for edge in edges {
            result.append((edge, counts.isEmpty ? 0 : counts[start..<edge].reduce(0) { $0 + Int($1) }))
            start = edge
        }
        result.append((nil, counts.isEmpty ? 0 : Int(counts[Self.limit])))
        return result
    }
}
