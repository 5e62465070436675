import Foundation
import GRDB
import Phones
import TestSupport
import Testing
@testable import Store

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ text: String = "2026-11-22T09:30:00Z") { current = StoreTime.date(text)! }

    var now: Date { lock.withLock { current } }
    func set(_ text: String) { lock.withLock { current = StoreTime.date(text)! } }
}

let parser = try! PhoneParser(defaultRegion: "FR")

func number(_ text: String) -> PhoneNumber {
    guard case .number(let number) = parser.parse(text) else { fatalError("\(text) is not a number") }
    return number
}

func date(_ text: String) -> Date { StoreTime.date(text)! }

/// Opens a new store (a file in `folder`, or a schema on the test
/// server) with a test clock.
func openStore(_ folder: TemporaryFolder, _ backend: StoreBackend = .sqlite, name: String = "texto.sqlite", clock: TestClock = TestClock(),
               busyTimeout: TimeInterval = 5) throws -> TextoStore {
    try TextoStore(path: backend.newStore(in: folder, name: name), busyTimeout: busyTimeout, keyPath: folder.file(name + ".key"),
                   clock: { clock.now })
}

/// Two campaigns and a few messages, for the ledger queries.
func seedLedger(_ store: TextoStore) throws {
    try store.insertCampaign(id: "soldes-hiver", name: "Soldes d'hiver", type: .marketing, sender: "BOUTIQUE", createdAt: date("2026-01-05T08:00:00Z"))
    try store.insertCampaign(id: "rappel-rdv", name: "Rappel de rendez-vous", type: .notification, sender: "CABINET", createdAt: date("2026-02-01T08:00:00Z"))
    try store.recordMessages([
        LedgerMessage(id: "m1", campaignID: "soldes-hiver", phone: "+33630050660", sourceFile: "clients.xlsx#Contacts", sourceRow: 2,
                      textLength: 120, segments: 1, scheduledAt: date("2026-01-10T09:00:00Z"), batchFile: "batch-001.csv"),
        LedgerMessage(id: "m2", campaignID: "soldes-hiver", phone: "+33612345678", sourceFile: "clients.xlsx#Contacts", sourceRow: 3,
                      textLength: 170, segments: 2, scheduledAt: date("2026-01-10T09:00:01Z")),
        LedgerMessage(id: "m3", campaignID: "rappel-rdv", phone: "+33630050660", textLength: 60, segments: 1,
                      scheduledAt: date("2026-02-02T10:00:00Z")),
        LedgerMessage(id: "m4", campaignID: "rappel-rdv", phone: "+262692123456", textLength: 60, segments: 1,
                      scheduledAt: date("2026-02-03T10:00:00Z")),
    ])
}

/// The integer an SQL query returns (a count, a pragma), on either backend.
func scalar(_ store: TextoStore, _ sql: String) throws -> Int {
    try store.read { db in try db.value(Int.self, sql) ?? 0 }
}

extension TextoStore {
    /// The SQLite store's GRDB queue, for the tests of SQLite itself.
    var queue: DatabaseQueue {
        guard case .sqlite(let queue) = backend else { preconditionFailure("an SQLite store") }
        return queue
    }
}
