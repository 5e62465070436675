import Foundation
import TestSupport
import Testing
@testable import Store

@Suite("Contact history")
struct ContactHistoryTests {
    @Test("a name finds the contacts whose name contains it, ignoring case and accents, the same on every backend (contact name lower())",
          arguments: StoreBackend.all)
    func byName(backend: StoreBackend) throws {
        let folder = try TemporaryFolder()
        let store = try openStore(folder, backend)
        try store.insertCampaign(id: "noel", name: "Noël", type: .marketing, sender: "KERKAFE")
        let people = ["Hélène LE GALL", "HÉLÈNE MARTIN", "helene durand", "Éric Le Gall", "Ana 100%_sûre", "Zoé"]
        try store.recordMessages(people.enumerated().map { index, name in
            LedgerMessage(id: "m\(index)", campaignID: "noel", phone: "+3363005066\(index)", textLength: 10, segments: 1,
                          scheduledAt: date("2026-12-20T09:00:0\(index)Z"), contactName: name)
        })
        func names(_ text: String) throws -> [String] {
            try store.history(of: .name(text)).compactMap(\.contactName)
        }
        #expect(try names("helene") == ["Hélène LE GALL", "HÉLÈNE MARTIN", "helene durand"])
        #expect(try names("HÉLÈNE") == ["Hélène LE GALL", "HÉLÈNE MARTIN", "helene durand"])
        #expect(try names("le gall") == ["Hélène LE GALL", "Éric Le Gall"])
        #expect(try names("éric") == ["Éric Le Gall"])
        #expect(try names("100%_") == ["Ana 100%_sûre"], "wildcards are taken literally")
        #expect(try names("%").count == 1 && names("_").count == 1)
        #expect(try names("zoe") == ["Zoé"])
        #expect(try names("personne").isEmpty)
    }
}
