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

    public init(path: String, campaigns: [String] = [], maxSends: (limit: Int, days: Int)? = nil) {
        self.path = path
        self.campaigns = campaigns
        self.maxSends = maxSends
    }

    /// Reads the store once. The store is created when missing (it is
    /// where STOP replies will be kept), unless an `--exclude-campaign`
    /// names a campaign it cannot have.
    func load(today: CivilDate) throws -> Exclusions {
        if !campaigns.isEmpty, !FileManager.default.fileExists(atPath: path) {
            throw unknownCampaign(campaigns[0], known: [])
        }
        let database = try TextoStore(path: path)
        let set = try database.suppressionSet()
        var exclusions = Exclusions(
            suppressed: set.numbers.mapValues { reason in
                switch reason {
                case .stop: return .stop
                case .npai: return .npai
                case .manual: return .manual
                }
            },
            isErased: { set.isErased($0) })
        if !campaigns.isEmpty {
            let known = try database.campaignIDs()
            if let unknown = campaigns.first(where: { !known.contains($0) }) { throw unknownCampaign(unknown, known: known) }
            exclusions.campaigns = try campaigns.map { ($0, try database.recipients(ofCampaigns: [$0])) }
        }
        if let maxSends {
            let since = Date(timeIntervalSince1970: TimeInterval(ParisTime.startOfDay(today.adding(days: -maxSends.days))))
            exclusions.maxSends = (maxSends.limit, try database.sendCounts(since: since))
        }
        return exclusions
    }

    private func unknownCampaign(_ id: String, known: Set<String>) -> TargetError {
        TargetError(.unknownCampaign, at: DataLocation(option: "--exclude-campaign", file: id),
                    "the store \(path) has no such campaign",
                    hint: known.isEmpty ? "The store has no campaign yet." : "Its campaigns: \(known.sorted().joined(separator: ", ")).")
    }
}
