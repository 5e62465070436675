/// Every suppressed number for targeting, loaded in one query: E.164
/// integer (as `PhoneNumber.e164`) → reason; plus the erased opt-outs'
/// keyed hashes and a function to hash a number the same way.
package struct SuppressionSet: Sendable {
    /// Suppressed numbers: `33630050660` → `.stop`.
    public let numbers: [UInt64: SuppressionReason]
    /// HMAC-SHA256 (hex) of the E.164 text of each forgotten person who had
    /// opted out (`suppression_hashes.hash`).
    public let erased: Set<String>
    /// The key the hashes were made with; nil when there are none.
    let key: ErasureKey?

    /// A set of plain suppressions and no erased opt-out (for the tests of
    /// stages that use one; a store's set comes from `suppressionSet()`).
    package init(numbers: [UInt64: SuppressionReason]) {
        self.init(numbers: numbers, erased: [], key: nil)
    }

    init(numbers: [UInt64: SuppressionReason], erased: Set<String>, key: ErasureKey?) {
        self.numbers = numbers
        self.erased = erased
        self.key = key
    }

    /// True when `e164` (`+33630050660`; the `+` may be left out) belongs to
    /// a forgotten person who had opted out: never message it.
    /// - Complexity: one HMAC when any opt-out was erased; nothing otherwise.
    package func isErased(_ e164: String) -> Bool {
        guard let key, !erased.isEmpty else { return false }
        return erased.contains(key.hash(e164.hasPrefix("+") ? e164 : "+" + e164))
    }
}
