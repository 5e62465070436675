import Foundation

/// Why a number must not be messaged (DOMAIN.md §3, §5).
public enum SuppressionReason: String, Sendable, CaseIterable {
    /// The person replied STOP (or ARRET...): never another marketing message.
    case stop = "STOP"
    /// "N'habite pas à l'adresse indiquée": the number is wrong or dead.
    case npai = "NPAI"
    /// Someone asked for it by hand (a phone call, a letter).
    case manual = "MANUAL"
}

/// One row of the `suppressions` table.
public struct Suppression: Sendable, Equatable {
    /// E.164, `+33630050660`.
    public var phone: String
    public var reason: SuppressionReason
    /// When the number became suppressed, as stored (`2026-11-22T09:30:00Z`).
    public var since: String
    /// Where it came from: `texto-store add`, `import stop.csv row 12`,
    /// `reply 42` (texto-ingest)...
    public var source: String
    public var comment: String?

    package init(phone: String, reason: SuppressionReason, since: String, source: String, comment: String? = nil) {
        self.phone = phone
        self.reason = reason
        self.since = since
        self.source = source
        self.comment = comment
    }
}

/// What `addSuppressions` did.
public struct SuppressionAddition: Sendable, Equatable {
    /// Numbers that were not suppressed and now are.
    public var added = 0
    /// Numbers already suppressed (for any reason), or given twice: left as
    /// they were, so an opt-out's reason and date are never overwritten.
    public var alreadySuppressed = 0

    public init(added: Int = 0, alreadySuppressed: Int = 0) {
        self.added = added
        self.alreadySuppressed = alreadySuppressed
    }
}

/// What `removeSuppressions` did.
public struct SuppressionRemoval: Sendable, Equatable {
    /// Numbers whose suppression row was deleted.
    public var removed = 0
    /// Numbers whose erased opt-out (keyed hash) was deleted.
    public var erasedRemoved = 0
    /// Numbers that were not suppressed.
    public var notSuppressed = 0

    package init(removed: Int = 0, erasedRemoved: Int = 0, notSuppressed: Int = 0) {
        self.removed = removed
        self.erasedRemoved = erasedRemoved
        self.notSuppressed = notSuppressed
    }
}
