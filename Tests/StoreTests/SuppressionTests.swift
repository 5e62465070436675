import Foundation
import TestSupport
import Testing
@testable import Store

@Suite("Suppressions")
struct SuppressionTests {
    @Test("add keeps an existing suppression as it is; adding twice changes nothing", arguments: StoreBackend.all)
    func addIsIdempotent(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let clock = TestClock("2026-11-22T09:30:00Z")
        let store = try openStore(folder, backend, clock: clock)
        let first = try store.addSuppressions([number("06 30 05 06 60"), number("0612345678")], reason: .stop, source: "test", comment: "courrier")
        #expect(first == SuppressionAddition(added: 2, alreadySuppressed: 0))
        clock.set("2026-12-01T08:00:00Z")
        let second = try store.addSuppressions([number("+33 6 30 05 06 60")], reason: .npai, source: "other")
        #expect(second == SuppressionAddition(added: 0, alreadySuppressed: 1))
        #expect(try store.suppressions() == [
            Suppression(phone: "+33612345678", reason: .stop, since: "2026-11-22T09:30:00Z", source: "test", comment: "courrier"),
            Suppression(phone: "+33630050660", reason: .stop, since: "2026-11-22T09:30:00Z", source: "test", comment: "courrier"),
        ])
    }

    @Test("remove lifts a suppression and says which numbers were not suppressed", arguments: StoreBackend.all)
    func remove(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.addSuppressions([number("0630050660"), number("0612345678")], reason: .manual, source: "test")
        let result = try store.removeSuppressions([number("0630050660"), number("0699999999")])
        #expect(result == SuppressionRemoval(removed: 1, erasedRemoved: 0, notSuppressed: 1))
        #expect(try store.suppressions().map(\.phone) == ["+33612345678"])
    }

    @Test("suppressionSet holds every number as its E.164 integer with its reason", arguments: StoreBackend.all)
    func suppressionSet(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.addSuppressions([number("0630050660")], reason: .stop, source: "t")
        try store.addSuppressions([number("0692 12 34 56")], reason: .npai, source: "t")
        let set = try store.suppressionSet()
        #expect(set.numbers(in: .marketing) == [33630050660: .stop, 262692123456: .npai])
        #expect(set.erased.isEmpty)
        #expect(!set.isErased("+33630050660"))
    }

    @Test("scopes: marketing opt-outs keep numbers from marketing only, a category's from that category; every campaign's from all", arguments: StoreBackend.all)
    func scopes(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        let rappels = try #require(SuppressionScope(rawValue: "rappels"))
        try store.addSuppressions([number("0611111111")], reason: .stop, scope: .marketing, source: "reply")
        try store.addSuppressions([number("0622222222")], reason: .stop, scope: rappels, source: "reply")
        try store.addSuppressions([number("0633333333")], reason: .npai, source: "ingest")
        // Both scopes for one number; an opt-out of every campaign makes a scoped one redundant.
        #expect(try store.addSuppressions([number("0622222222")], reason: .stop, scope: .marketing, source: "reply").added == 1)
        #expect(try store.addSuppressions([number("0633333333")], reason: .stop, scope: rappels, source: "reply").alreadySuppressed == 1)
        let set = try store.suppressionSet()
        #expect(set.numbers(in: .marketing) == [33611111111: .stop, 33622222222: .stop, 33633333333: .npai])
        #expect(set.numbers(in: rappels) == [33622222222: .stop, 33633333333: .npai])
        #expect(set.numbers(in: .of(type: .notification, category: nil)) == [33633333333: .npai])
        #expect(set.reason(33611111111, in: rappels) == nil)
        #expect(try store.suppressions().map { "\($0.phone) \($0.scope)" } == [
            "+33611111111 marketing", "+33622222222 marketing", "+33622222222 rappels", "+33633333333 *",
        ])
        #expect(SuppressionScope.of(type: .marketing, category: "rappels") == .marketing, "a marketing campaign's opt-outs cover all marketing")
    }

    @Test("a list imported twice adds its numbers once; bad rows are rejects with their row", arguments: StoreBackend.all)
    func importIsIdempotent(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let list = folder.file("stop.txt")
        try "numero\n06 30 05 06 60\n\n0612345678\n06 30 05 06 6O\n+33 6 30 05 06 60\n".write(toFile: list, atomically: true, encoding: .utf8)
        let read = try SuppressionList.read(path: list, parser: parser)
        #expect(read.column == "numero")
        #expect(read.entries.map(\.row) == [2, 4, 6])
        #expect(read.rejects == [SuppressionList.Reject(row: 5, raw: "06 30 05 06 6O", reason: .invalid(.letters))])
        let store = try openStore(folder, backend)
        let first = try store.addSuppressions(read.entries.map { ($0.number, "import row \($0.row)") }, reason: .stop)
        #expect(first == SuppressionAddition(added: 2, alreadySuppressed: 1))
        let second = try store.addSuppressions(read.entries.map { ($0.number, "import row \($0.row)") }, reason: .stop)
        #expect(second == SuppressionAddition(added: 0, alreadySuppressed: 3))
        #expect(try store.suppressions().map(\.source) == ["import row 4", "import row 2"])
    }

    @Test("a list without a header starts with a number", arguments: [
        ("0630050660\n0612345678\n", nil as String?, 2),
        ("TELEPHONE;Nom\n06 30 05 06 60;Dupont\n", "TELEPHONE", 1),
        ("Nom;Numéro\nDupont;0630050660\nMartin;0612345678\n", "Numéro", 2),
    ])
    func listShapes(_ text: String, _ column: String?, _ entries: Int) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("list.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let list = try SuppressionList.read(path: path, parser: parser)
        #expect(list.column == column)
        #expect(list.entries.count == entries)
        #expect(list.rejects.isEmpty)
    }

    @Test("a table without a phone header needs --column; a wrong --column lists the columns")
    func columnNotFound() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("list.csv")
        try "Nom;Contact\nDupont;0630050660\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: StoreError.self) { try SuppressionList.read(path: path, parser: parser) }
        #expect(error?.code == .phoneColumnNotFound)
        #expect(try SuppressionList.read(path: path, column: "contact", parser: parser).entries.count == 1)
        let wrong = #expect(throws: StoreError.self) { try SuppressionList.read(path: path, column: "Tel", parser: parser) }
        #expect(wrong?.description.contains("Nom, Contact") == true)
    }

    @Test("numbers on the command line: all valid, or an error naming each invalid one")
    func numberInput() throws {
        #expect(try NumberInput.parse(["06 30 05 06 60", "tel:+33-6-12-34-56-78"], parser: parser).map(\.e164String) == ["+33630050660", "+33612345678"])
        let error = #expect(throws: InvalidNumbers.self) { try NumberInput.parse(["0630050660", "06 30 05 06 6O", "+1 212 555 0100"], parser: parser) }
        #expect(error?.problems.map(\.code) == ["invalid:letters", "country_not_allowed:+1"])
        #expect(error?.category == .usage)
    }

    @Test("free text that Excel would run as a formula gets a quote", arguments: [
        ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+33", "'+33"), ("-1", "'-1"), ("@a", "'@a"), ("appel", "appel"), ("", ""),
    ])
    func formulaGuard(_ text: String, _ expected: String) {
        #expect(StoreCSV.guarded(text) == expected)
    }

    @Test("log lines show numbers masked", arguments: [
        ("0630050660", "+33 6•• •• •• 60"), ("0692123456", "+262 6•• •• •• 56"), ("+32 470 12 34 56", "+32 4•• •• •• 56"),
    ])
    func masked(_ text: String, _ expected: String) {
        #expect(number(text).masked == expected)
    }
}
