import Phones
import Tables
import Testing
@testable import Contacts

@Suite("Phone selection")
struct PhoneSelectionTests {
    static let parser = try! PhoneParser(defaultRegion: "FR")

    /// Evaluates one row of cells with `policy`, after the rows in `before`;
    /// checks that the cells parsed beforehand (as on the reader thread)
    /// give the same result.
    static func evaluate(
        _ cells: [String], policy: ImportConfiguration.PhonePolicy = .first, allowed: Set<String>? = nil,
        before: [[String]] = []
    ) -> (kept: [String], rejected: String?, duplicateOf: Int?) {
        let territories = allowed.map { regions in Set(parser.plan.territories.indices.filter { regions.contains(parser.plan.territories[$0].region) }) }
        let selection = PhoneSelection(parser: parser, allowedTerritories: territories, policy: policy)
        var results: [(kept: [String], rejected: String?, duplicateOf: Int?)] = []
        for parsedBefore in [false, true] {
            var seen = Deduplicator()
            var kept: [PhoneSelection.Kept] = []
            var result: (kept: [String], rejected: String?, duplicateOf: Int?) = ([], nil, nil)
            for (index, row) in (before + [cells]).enumerated() {
                withRow(row, number: index + 2) { row in
                    let columns = Array(0..<cells.count)
                    let rejected = columns.withUnsafeBufferPointer { columns in
                        var parsed: [PhoneParse] = []
                        if parsedBefore { selection.parse(row, columns: columns, into: &parsed) }
                        return parsed.withUnsafeBufferPointer {
                            selection.evaluate(row, columns: columns, parsed: $0, source: 0, seen: &seen, kept: &kept)
                        }
                    }
                    result = (kept.map(\.number.e164String), rejected?.reason.code, rejected?.duplicateOf?.row)
                }
            }
            results.append(result)
        }
        #expect(results[0].kept == results[1].kept && results[0].rejected == results[1].rejected
                && results[0].duplicateOf == results[1].duplicateOf, "parsed beforehand: \(results[1])")
        return results[0]
    }

    static func withRow(_ cells: [String], number: Int, _ body: (Row) -> Void) {
        let storage = cells.map { Array($0.utf8) }
        var slices: [UnsafeBufferPointer<UInt8>] = []
        var buffers: [UnsafeMutableBufferPointer<UInt8>] = []
        for bytes in storage {
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            _ = buffer.initialize(from: bytes)
            buffers.append(buffer)
            slices.append(UnsafeBufferPointer(start: buffer.baseAddress, count: bytes.count))
        }
        defer { buffers.forEach { $0.deallocate() } }
        slices.withUnsafeBufferPointer { body(Row(number: number, cells: $0.baseAddress!, count: $0.count)) }
    }

    @Test("a landline in TELEPHONE and a mobile in TELEPHONE2 gives the mobile (seed 000)")
    func landlineThenMobile() {
        #expect(Self.evaluate(["01 42 68 53 00", "06 30 05 06 60"]).kept == ["+33630050660"])
    }

    @Test("first: only the first mobile; all: every distinct mobile")
    func policies() {
        #expect(Self.evaluate(["06 30 05 06 60", "07 81 23 45 67"]).kept == ["+33630050660"])
        #expect(Self.evaluate(["06 30 05 06 60", "07 81 23 45 67", "0630050660"], policy: .all).kept == ["+33630050660", "+33781234567"])
    }

    @Test("without a mobile, the most telling reason is reported", arguments: [
        (["", ""], "missing"), (["06 30 05 06 6O", ""], "invalid:letters"),
        (["06 30 05 06 6O", "01 42 68 53 00"], "not_mobile:fixed"), (["09 70 12 34 56", "néant"], "not_mobile:voip"),
        (["+1 212 555 0100", "01 42 68 53 00"], "country_not_allowed:+1"),
    ])
    func reasons(cells: [String], reason: String) {
        let result = Self.evaluate(cells)
        #expect(result.kept.isEmpty)
        #expect(result.rejected == reason)
    }

    @Test("a number seen before is a duplicate of the first row that had it")
    func duplicates() {
        let result = Self.evaluate(["+33 6 30 05 06 60"], before: [["06 30 05 06 60"], ["07 81 23 45 67"]])
        #expect(result.rejected == "duplicate")
        #expect(result.duplicateOf == 2)
    }

    @Test("all: a row keeps its new mobiles even when another one is a duplicate")
    func allWithDuplicate() {
        let result = Self.evaluate(["06 30 05 06 60", "07 81 23 45 67"], policy: .all, before: [["06 30 05 06 60"]])
        #expect(result.kept == ["+33781234567"])
        #expect(result.rejected == nil)
    }

    @Test("--countries keeps the regions named; the others say which region")
    func countries() {
        let result = Self.evaluate(["+32 470 12 34 56"], allowed: ["FR"])
        #expect(result.rejected == "country_not_allowed:BE")
        #expect(Self.evaluate(["0692 12 34 56"], allowed: ["FR", "RE"]).kept == ["+262692123456"])
    }
}
