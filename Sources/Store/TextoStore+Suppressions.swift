import Foundation
import Phones

extension TextoStore {
    /// Every suppression, sorted by number, then scope.
    public func suppressions() throws -> [Suppression] {
        try read { db in
            try db.all("SELECT phone, reason, scope, since, source, comment FROM suppressions ORDER BY phone, scope").map { row in
                Suppression(phone: row["phone"], reason: SuppressionReason(rawValue: row["reason"]) ?? .manual,
                            scope: SuppressionScope(rawValue: row["scope"]) ?? .all,
                            since: row["since"], source: row["source"], comment: row["comment"])
            }
        }
    }

    /// How many forgotten people's opt-outs are kept as keyed hashes.
    public func erasedSuppressionCount() throws -> Int {
        try read { db in try db.value(Int.self, "SELECT count(*) FROM suppression_hashes") ?? 0 }
    }

    /// Suppresses `numbers` for `reason` in `scope` (every campaign by
    /// default), in one transaction.
    ///
    /// A number already suppressed in that scope, or in every campaign,
    /// keeps its row as it is (reason, date, source): adding is idempotent
    /// and never turns a STOP into something weaker. To change a reason,
    /// remove the number, then add it.
    /// - Parameters:
    ///   - source: where the numbers come from, kept in `suppressions.source`.
    ///   - since: when they opted out; default now.
    @discardableResult
    public func addSuppressions(
        _ numbers: [PhoneNumber], reason: SuppressionReason, scope: SuppressionScope = .all, source: String, comment: String? = nil,
        since: Date? = nil
    ) throws -> SuppressionAddition {
        try addSuppressions(numbers.map { ($0, source) }, reason: reason, scope: scope, comment: comment, since: since)
    }

    /// The same, with a source per number (`import stop.csv row 12`).
    @discardableResult
    public func addSuppressions(
        _ numbers: [(number: PhoneNumber, source: String)], reason: SuppressionReason, scope: SuppressionScope = .all,
        comment: String? = nil, since: Date? = nil
    ) throws -> SuppressionAddition {
        let since = since.map(StoreTime.text) ?? now
        return try write { db in
            var result = SuppressionAddition()
            for (number, source) in numbers {
                let added = try Self.suppress(db, phone: number.e164String, reason: reason, scope: scope, since: since, source: source,
                                              comment: comment)
                if added { result.added += 1 } else { result.alreadySuppressed += 1 }
            }
            return result
        }
    }

    /// Inserts a suppression unless the number is suppressed in that scope
    /// or in every campaign already; true when it was inserted.
    static func suppress(_ db: any SQLConnection, phone: String, reason: SuppressionReason, scope: SuppressionScope, since: String,
                         source: String, comment: String?) throws -> Bool {
        try db.execute("""
            INSERT INTO suppressions (phone, scope, reason, since, source, comment)
            SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM suppressions WHERE phone = ? AND scope = '*')
            ON CONFLICT (phone, scope) DO NOTHING
            """, [phone, scope.rawValue, reason.rawValue, since, source, comment, phone]) > 0
    }

    /// Lifts the suppression of `numbers` (the person consents again), in
    /// one transaction; an erased opt-out of the same number is lifted too.
    @discardableResult
    public func removeSuppressions(_ numbers: [PhoneNumber]) throws -> SuppressionRemoval {
        try write { db in
            let hasHashes = try db.value(Bool.self, "SELECT EXISTS (SELECT 1 FROM suppression_hashes)") ?? false
            let key = hasHashes ? try erasureKey(db, create: false) : nil
            var result = SuppressionRemoval()
            for number in Set(numbers) {
                let removed = try db.execute("DELETE FROM suppressions WHERE phone = ?", [number.e164String]) > 0
                var erased = false
                if let key {
                    erased = try db.execute("DELETE FROM suppression_hashes WHERE hash = ?", [key.hash(number.e164String)]) > 0
                }
                if removed { result.removed += 1 }
                if erased { result.erasedRemoved += 1 }
                if !removed && !erased { result.notSuppressed += 1 }
            }
            return result
        }
    }

    /// Every suppressed number for targeting, loaded in one query.
    ///
    /// Throws `.erasureKeyMissing` when opt-outs were erased but their key
    /// file is gone: targeting without it could message those people.
    package func suppressionSet() throws -> SuppressionSet {
        try read { db in
            var scopes: [SuppressionScope: [UInt64: SuppressionReason]] = [:]
            try db.forEachRow("SELECT phone, reason, scope FROM suppressions") { row in
                if let number = Self.integer(e164: row.bytes(0)), let reason = row.text(1).flatMap(SuppressionReason.init(rawValue:)),
                   let scope = row.text(2).flatMap(SuppressionScope.init(rawValue:)) {
                    scopes[scope, default: [:]][number] = reason
                }
            }
            let erased = Set(try db.column(String.self, "SELECT hash FROM suppression_hashes"))
            let key = erased.isEmpty ? nil : try erasureKey(db, create: false)
            return SuppressionSet(scopes: scopes, erased: erased, key: key)
        }
    }

    /// `+33630050660` → 33630050660.
    static func integer(e164: String) -> UInt64? {
        var e164 = e164
        return e164.withUTF8 { integer(e164: UnsafeRawBufferPointer($0)) }
    }

    /// The same, from a row's bytes.
    static func integer(e164: UnsafeRawBufferPointer) -> UInt64? {
        var value: UInt64 = 0
        var digits = 0
        for byte in e164.dropFirst() {
            guard byte &- UInt8(ascii: "0") < 10, digits < 19 else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 && e164.first == UInt8(ascii: "+") ? value : nil
    }

    /// The erasure key, checked against the store's fingerprint; created
    /// (and its fingerprint recorded, in a write transaction) when `create`
    /// and there is none yet. Nil when there is no key and `create` is false.
    func erasureKey(_ db: any SQLConnection, create: Bool) throws -> ErasureKey? {
        let fingerprint = try db.value(String.self, "SELECT value FROM texto_meta WHERE key = ?", [ErasureKey.metaKey])
        var key = try ErasureKey.load(path: keyPath)
        if key == nil {
            if let fingerprint, !fingerprint.isEmpty {
                throw StoreError(.erasureKeyMissing, path: keyPath,
                                 "the key of the forgotten people's opt-outs is missing",
                                 hint: "Restore this file from a backup: without it Texto cannot tell whether it may message those numbers, so it stops.")
            }
            let hashes = try db.value(Int.self, "SELECT count(*) FROM suppression_hashes") ?? 0
            if hashes > 0 {
                throw StoreError(.erasureKeyMissing, path: keyPath, "\(hashes) erased opt-outs exist but their key is missing",
                                 hint: "Restore this file from a backup: without it Texto cannot tell whether it may message those numbers, so it stops.")
            }
            guard create else { return nil }
            key = try ErasureKey.create(path: keyPath)
        }
        guard let key else { return nil }
        if let fingerprint {
            guard fingerprint == key.fingerprint else {
                throw StoreError(.erasureKeyMismatch, path: keyPath,
                                 "this is not the key the store's erased opt-outs were hashed with",
                                 hint: "Put back the key file that belongs to \(path) (from a backup); keys of different stores are not interchangeable.")
            }
        } else if create {
            try db.execute("INSERT INTO texto_meta (key, value) VALUES (?, ?)", [ErasureKey.metaKey, key.fingerprint])
        }
        return key
    }
}
