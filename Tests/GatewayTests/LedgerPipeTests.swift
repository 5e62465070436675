import Foundation
import GRDB
@testable import Gateway
import Store
import TestSupport
import Testing

/// The two threads of an emit: every message the producer sends is
/// recorded, and an error on either side stops both without a hang.
@Suite("Ledger pipe")
struct LedgerPipeTests {
    static func message(_ index: Int, phone: String? = nil) -> LedgerMessage {
        LedgerMessage(id: String(format: "M%019d", index), campaignID: "noel", phone: phone ?? "+336\(10_000_000 + index)",
                      textLength: 10, segments: 1, scheduledAt: Date(timeIntervalSince1970: 1_795_900_000))
    }

    static func store(_ folder: TemporaryFolder) throws -> TextoStore {
        let store = try TextoStore(path: folder.file("texto.sqlite"))
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        return store
    }

    static func count(_ folder: TemporaryFolder) throws -> Int {
        try DatabaseQueue(path: folder.file("texto.sqlite")).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0 }
    }

    @Test("every message sent is recorded, across many batches, and the producer's result comes back")
    func recordsEverything() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let total = LedgerPipe.batchSize * 20 + 7
        let result = try store.recordLedger { ledger in
            try LedgerPipe.run(into: ledger) { pipe in
                for index in 0..<total { try pipe.send(Self.message(index)) }
                return "made"
            }
        }
        #expect(result == "made")
        #expect(try Self.count(folder) == total)
    }

    @Test("the producer's error comes out, and nothing is recorded")
    func producerError() throws {
        struct Broken: Error {}
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        #expect(throws: Broken.self) {
            try store.recordLedger { ledger in
                try LedgerPipe.run(into: ledger) { pipe in
                    for index in 0..<(LedgerPipe.batchSize * 3) { try pipe.send(Self.message(index)) }
                    throw Broken()
                }
            }
        }
        #expect(try Self.count(folder) == 0)
    }

    @Test("the ledger's error stops a producer that would send many more batches than the pipe holds")
    func consumerError() throws {
        let folder = try TemporaryFolder()
        let store = try Self.store(folder)
        let sent = Counter()
        let error = #expect(throws: DatabaseError.self) {
            try store.recordLedger { ledger in
                try LedgerPipe.run(into: ledger) { pipe in
                    try pipe.send(Self.message(0, phone: "0630050660"))  // breaks the phone CHECK
                    for index in 1..<1_000_000 {
                        try pipe.send(Self.message(index))
                        sent.value = index
                    }
                }
            }
        }
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(sent.value < 1_000_000 - 1, "the producer was stopped")
        #expect(try Self.count(folder) == 0)
    }

    final class Counter: @unchecked Sendable {
        var value = 0
    }
}
