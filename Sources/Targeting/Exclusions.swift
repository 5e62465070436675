/// What the store knows that excludes a number, loaded once by the
/// executable and handed to the stage (so this module needs no database).
public struct Exclusions: Sendable {
    /// Why a number is suppressed.
    public enum Suppression: String, Sendable {
        case stop, npai, manual
    }

    /// Suppressed numbers by E.164 integer (`33630050660`).
    public var suppressed: [UInt64: Suppression]
    /// True for a number (E.164 text) whose owner was erased after opting
    /// out: only a keyed hash of it remains.
    package var isErased: @Sendable (String) -> Bool
    /// Recipients of the campaigns to leave out, by campaign id, in order.
    public var campaigns: [(id: String, recipients: Set<UInt64>)]
    /// `--max-sends N --per DAYS`: the limit and the messages each number
    /// received in the window.
    public var maxSends: (limit: Int, counts: [UInt64: Int])?
    /// `--include-campaign ID`: only the recipients of these campaigns.
    public var onlyCampaigns: [(id: String, recipients: Set<UInt64>)] = []
    /// `--exclude-replied ID`: the numbers that replied to these campaigns.
    public var replied: [(id: String, numbers: Set<UInt64>)] = []
    /// A pipeline's "new since the last run": the numbers its earlier runs saw.
    public var seenBefore: Set<UInt64>?
    /// `--not-delivered ID`: only the recipients of these campaigns whose
    /// message was not delivered.
    public var notDelivered: [(id: String, recipients: Set<UInt64>, delivered: Set<UInt64>)] = []

    public init(
        suppressed: [UInt64: Suppression] = [:], isErased: @escaping @Sendable (String) -> Bool = { _ in false },
        campaigns: [(id: String, recipients: Set<UInt64>)] = [], maxSends: (limit: Int, counts: [UInt64: Int])? = nil
    ) {
        self.suppressed = suppressed
        self.isErased = isErased
        self.campaigns = campaigns
        self.maxSends = maxSends
    }
}
