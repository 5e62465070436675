/// Remembers every mobile kept so far, across all inputs of a run, and
/// where it was first seen (DOMAIN.md §1: the first occurrence wins).
///
/// - Complexity: one hash lookup per number; memory grows with the number
///   of distinct mobiles (16 bytes each plus the table's slack).
struct Deduplicator {
    private var firstSeen: [UInt64: UInt64] = [:]

    /// Records `e164` as seen at (`source`, `row`), or returns where it was
    /// seen first.
    @inline(__always)
    mutating func claim(_ e164: UInt64, source: Int, row: Int) -> (source: Int, row: Int)? {
        let place = UInt64(source) << 40 | UInt64(row)
        if let existing = firstSeen[e164] {
            return (Int(existing >> 40), Int(existing & (1 << 40 - 1)))
        }
        firstSeen[e164] = place
        return nil
    }

    /// True when `e164` was kept already.
    func contains(_ e164: UInt64) -> Bool { firstSeen[e164] != nil }
}
