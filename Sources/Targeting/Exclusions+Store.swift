import Foundation
import Store
import TextoCore

/// Where the exclusions come from.
public enum ExclusionSource: Sendable {
    /// Given as they are (tests, other stages).
    case given(Exclusions)
    /// Read from the store once the filter and the columns check out, so
    /// that a usage error leaves no store behind.
    case store(StoreExclusions)

    /// The exclusions, read from the store if need be.
    func load(today: CivilDate) throws -> Exclusions {
        switch self {
        case .given(let exclusions): return exclusions
        case .store(let request): return try request.load(today: today)
        }
    }
}

/// What `texto-target` asks of the store: its suppression list (always),
/// the recipients of earlier campaigns, the sends per number.
public struct StoreExclusions: Sendable {
    /// The store file.
    public var path: String
    /// `--exclude-campaign`: campaigns whose recipients are left out.
    public var campaigns: [String]
    /// `--max-sends N --per DAYS`.
    public var maxSends: (limit: Int, days: Int)?
    /// `--count delivered`: `--max-sends` counts only delivered messages.
    public var countDeliveredOnly = false
    /// Follow-ups: `--include-campaign`, `--exclude-replied`, `--not-delivered`.
    public var onlyCampaigns: [String] = []
    public var replied: [String] = []
    public var notDelivered: [String] = []
    /// `--category`: the category of the notification campaign the
    /// audience is for, whose opt-outs apply (with those of every
    /// campaign); nil for a marketing campaign (all marketing opt-outs).
    public var category: String?
    /// "New since the last run": leave out the numbers this pipeline saw before this run.
    public var seenBy: (pipeline: String, run: String)?

    public init(path: String, campaigns: [String] = [], maxSends: (limit: Int, days: Int)? = nil) {
        self.path = path
        self.campaigns = campaigns
        self.maxSends = maxSends
    }

    /// Reads the store once. The store is created when missing (it is
    /// where STOP replies will be kept), unless an `--exclude-campaign`
    /// names a campaign it cannot have.
    func load(today: CivilDate) throws -> Exclusions {
        let named = [("--exclude-campaign", campaigns), ("--include-campaign", onlyCampaigns), ("--exclude-replied", replied),
                     ("--not-delivered", notDelivered)].flatMap { option, ids in ids.map { (option, $0) } }
        if let first = named.first, !FileManager.default.fileExists(atPath: path) {
            throw unknownCampaign(first.1, option: first.0, known: [])
        }
        let database = try TextoStore(path: path)
        let set = try database.suppressionSet()
        var exclusions = Exclusions(
            suppressed: set.numbers(in: category.flatMap { SuppressionScope(rawValue: $0) } ?? .marketing).mapValues { reason in
                switch reason {
                case .stop: return .stop
                case .npai: return .npai
                case .manual: return .manual
                }
            },
            isErased: { set.isErased($0) })
        if !named.isEmpty {
            let known = try database.campaignIDs()
            if let unknown = named.first(where: { !known.contains($0.1) }) { throw unknownCampaign(unknown.1, option: unknown.0, known: known) }
            exclusions.campaigns = try campaigns.map { ($0, try database.recipients(ofCampaigns: [$0])) }
            exclusions.onlyCampaigns = try onlyCampaigns.map { ($0, try database.recipients(ofCampaigns: [$0])) }
            exclusions.replied = try replied.map { ($0, try database.repliers(ofCampaign: $0)) }
            exclusions.notDelivered = try notDelivered.map {
                ($0, try database.recipients(ofCampaigns: [$0]), try database.deliveredRecipients(ofCampaign: $0))
            }
        }
        if let seenBy {
            exclusions.seenBefore = try database.numbersSeen(byPipeline: seenBy.pipeline, before: seenBy.run)
        }
        if let maxSends {
            let since = Date(timeIntervalSince1970: TimeInterval(ParisTime.startOfDay(today.adding(days: -maxSends.days))))
            exclusions.maxSends = (maxSends.limit, countDeliveredOnly ? try database.deliveredCounts(since: since) : try database.sendCounts(since: since))
        }
        return exclusions
    }

    private func unknownCampaign(_ id: String, option: String, known: Set<String>) -> TargetError {
        TargetError(.unknownCampaign, at: DataLocation(option: option, file: id),
                    "the store \(path) has no such campaign",
                    hint: known.isEmpty ? "The store has no campaign yet." : "Its campaigns: \(known.sorted().joined(separator: ", ")).")
    }
}
