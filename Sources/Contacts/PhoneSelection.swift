import Phones
import Tables

/// Decides, for one row, which of its phone cells make contacts and, when
/// none does, the most telling reason why.
final class PhoneSelection {
    let parser: PhoneParser
    /// Territories whose mobiles are kept; nil keeps all.
    let allowedTerritories: Set<Int>?
    let policy: ImportConfiguration.PhonePolicy

    init(parser: PhoneParser, allowedTerritories: Set<Int>?, policy: ImportConfiguration.PhonePolicy) {
        self.parser = parser
        self.allowedTerritories = allowedTerritories
        self.policy = policy
    }

    /// A number kept, and the column it came from.
    struct Kept {
        var number: PhoneNumber
        var column: Int
    }

    /// A row that makes no contact: why, which column's text explains it,
    /// and for a duplicate the place it repeats.
    struct Rejected {
        var reason: RejectReason
        var column: Int?
        var duplicateOf: (source: Int, row: Int)?
    }

    /// Evaluates `row`'s cells in `columns` (in order). Kept numbers are
    /// claimed in `seen` at (`source`, row number).
    func evaluate(_ row: Row, columns: UnsafeBufferPointer<Int>, source: Int, seen: inout Deduplicator, kept: inout [Kept]) -> Rejected? {
        evaluate(row, columns: columns, parsed: UnsafeBufferPointer(start: nil, count: 0), source: source, seen: &seen, kept: &kept)
    }

    /// Parses, in order, the cells of `columns` that `evaluate` will read
    /// whatever the numbers seen before: all of them, or with the `.first`
    /// policy those up to the first number it may keep. `ContactWriter` has
    /// this done on the reader thread when that thread has time
    /// (`BackgroundTableReader.Preparation`). Empty cells get an entry that
    /// is never read.
    func parse(_ row: Row, columns: UnsafeBufferPointer<Int>, into parsed: inout [PhoneParse]) {
        for column in columns {
            let cell = row[column]
            if cell.isEmpty {
                parsed.append(.missing)
                continue
            }
            let result = parser.parse(cell)
            parsed.append(result)
            if policy == .first, case .number(let number) = result, number.kind.receivesSMS,
               allowedTerritories?.contains(number.territory) ?? true {
                return  // evaluate stops here, a duplicate or not
            }
        }
    }

    /// `evaluate(_:columns:source:seen:kept:)` with the first cells already
    /// parsed (`parse(_:columns:into:)`); cells beyond `parsed` are parsed
    /// here. What is left is deduplication, which must see the rows in order.
    func evaluate(_ row: Row, columns: UnsafeBufferPointer<Int>, parsed: UnsafeBufferPointer<PhoneParse>, source: Int,
                  seen: inout Deduplicator, kept: inout [Kept]) -> Rejected? {
        if !kept.isEmpty { kept.removeAll(keepingCapacity: true) }
        var best = Rejected(reason: .missing, column: nil)
        func note(_ reason: RejectReason, _ column: Int) {
            if reason.rank > best.reason.rank { best = Rejected(reason: reason, column: column) }
        }
        for (index, column) in columns.enumerated() {
            let cell = row[column]
            if cell.isEmpty { continue }
            switch index < parsed.count ? parsed[index] : parser.parse(cell) {
            case .missing:
                if best.column == nil { best.column = column }
            case .invalid(let problem):
                note(.invalid(problem), column)
            case .foreign(let code):
                note(.countryNotAllowed(region: nil, countryCode: code), column)
            case .number(let number):
                guard number.kind.receivesSMS else {
                    note(.notMobile(number.kind), column)
                    continue
                }
                if let allowed = allowedTerritories, !allowed.contains(number.territory) {
                    note(.countryNotAllowed(region: parser.plan.territories[number.territory].region, countryCode: number.countryCode), column)
                    continue
                }
                if kept.contains(where: { $0.number.e164 == number.e164 }) { continue }
                if let first = seen.claim(number.e164, source: source, row: row.number) {
                    if best.reason.rank < RejectReason.duplicate.rank || best.duplicateOf == nil {
                        best = Rejected(reason: .duplicate, column: column, duplicateOf: first)
                    }
                    // The contact's number is its first mobile: a repeat ends the search.
                    if policy == .first { return best }
                    continue
                }
                kept.append(Kept(number: number, column: column))
                if policy == .first { return nil }
            }
        }
        return kept.isEmpty ? best : nil
    }
}
