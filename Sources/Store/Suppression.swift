import Foundation
import TextoCore

/// Why a number must not be messaged (DOMAIN.md §3, §5).
public enum SuppressionReason: String, Sendable, CaseIterable {
    /// The person replied STOP (or ARRET...): never another marketing message.
    case stop = "STOP"
    /// "N'habite pas à l'adresse indiquée": the number is wrong or dead.
    case npai = "NPAI"
    /// Someone asked for it by hand (a phone call, a letter).
    case manual = "MANUAL"
}

/// Which campaigns a suppression keeps a number from (schema 5): all of
/// them, every marketing campaign (a STOP replied to one: the law), or the
/// campaigns of one category (a STOP replied to a notification of
/// `rappels` covers `rappels` only, as Echino's categories do).
public struct SuppressionScope: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// `*`, `marketing` or a category's name (1 to 64 characters).
    public let rawValue: String

    public init?(rawValue: String) {
        guard (1...64).contains(rawValue.count) else { return nil }
        self.rawValue = rawValue
    }

    /// Every campaign: NPAI, manual suppressions, opt-outs kept from before scopes.
    public static let all = SuppressionScope(rawValue: "*")!
    /// Every marketing campaign, whatever its category.
    public static let marketing = SuppressionScope(rawValue: "marketing")!

    /// The scope of a campaign: what its recipients' opt-outs cover, and
    /// what keeps a number from it (with `all`). A marketing campaign's is
    /// `marketing`, whatever its category; a notification's is its
    /// category, `notification` when it has none.
    public static func of(type: CampaignType, category: String?) -> SuppressionScope {
        switch type {
        case .marketing: return .marketing
        case .notification: return category.flatMap { SuppressionScope(rawValue: $0) } ?? SuppressionScope(rawValue: "notification")!
        }
    }

    public var description: String { rawValue }
}

/// One row of the `suppressions` table.
public struct Suppression: Sendable, Equatable {
    /// E.164, `+33630050660`.
    public var phone: String
    public var reason: SuppressionReason
    /// The campaigns it covers.
    public var scope: SuppressionScope
    /// When the number became suppressed, as stored (`2026-11-22T09:30:00Z`).
    public var since: String
    /// Where it came from: `texto-store add`, `import stop.csv row 12`,
    /// `reply 42` (texto-ingest)...
    public var source: String
    public var comment: String?

    package init(phone: String, reason: SuppressionReason, scope: SuppressionScope = .all, since: String, source: String, comment: String? = nil) {
        self.phone = phone
        self.reason = reason
        self.scope = scope
        self.since = since
        self.source = source
        self.comment = comment
    }
}

/// What `addSuppressions` did.
public struct SuppressionAddition: Sendable, Equatable {
    /// Numbers that were not suppressed and now are.
    public var added = 0
    /// Numbers already suppressed in that scope (or in all), for any
    /// reason, or given twice: left as they were, so an opt-out's reason
    /// and date are never overwritten.
    public var alreadySuppressed = 0
}

/// What `removeSuppressions` did.
public struct SuppressionRemoval: Sendable, Equatable {
    /// Numbers whose suppression row was deleted.
    public var removed = 0
    /// Numbers whose erased opt-out (keyed hash) was deleted.
    public var erasedRemoved = 0
    /// Numbers that were not suppressed.
    public var notSuppressed = 0
}
