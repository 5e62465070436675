/// Every suppressed number for targeting, loaded in one query: E.164
/// integer (as `PhoneNumber.e164`) → reason, by scope; plus the erased
/// opt-outs' keyed hashes and a function to hash a number the same way.
package struct SuppressionSet: Sendable {
    /// Suppressed numbers by scope: `*` → `33630050660` → `.npai`.
    let scopes: [SuppressionScope: [UInt64: SuppressionReason]]
    /// HMAC-SHA256 (hex) of the E.164 text of each forgotten person who had
    /// opted out (`suppression_hashes.hash`).
    public let erased: Set<String>
    /// The key the hashes were made with; nil when there are none.
    let key: ErasureKey?

    /// A set of plain suppressions of every campaign and no erased opt-out
    /// (for the tests of stages that use one; a store's set comes from
    /// `suppressionSet()`).
    package init(numbers: [UInt64: SuppressionReason]) {
        self.init(scopes: [.all: numbers], erased: [], key: nil)
    }

    init(scopes: [SuppressionScope: [UInt64: SuppressionReason]], erased: Set<String>, key: ErasureKey?) {
        self.scopes = scopes
        self.erased = erased
        self.key = key
    }

    /// The numbers kept from a campaign of `scope`: those suppressed in
    /// all campaigns and those suppressed in that scope.
    package func numbers(in scope: SuppressionScope) -> [UInt64: SuppressionReason] {
        (scopes[.all] ?? [:]).merging(scopes[scope] ?? [:]) { all, _ in all }
    }

    /// Why `number` is kept from a campaign of `scope`, or nil.
    package func reason(_ number: UInt64, in scope: SuppressionScope) -> SuppressionReason? {
        scopes[.all]?[number] ?? scopes[scope]?[number]
    }

    /// True when no number is suppressed in any scope.
    package var isEmpty: Bool { scopes.values.allSatisfy(\.isEmpty) }

    /// True when `e164` (`+33630050660`; the `+` may be left out) belongs to
    /// a forgotten person who had opted out: never message it.
    /// - Complexity: one HMAC when any opt-out was erased; nothing otherwise.
    package func isErased(_ e164: String) -> Bool {
        guard let key, !erased.isEmpty else { return false }
        return erased.contains(key.hash(e164.hasPrefix("+") ? e164 : "+" + e164))
    }
}
