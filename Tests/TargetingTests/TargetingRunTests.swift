import TextoCore
import Tables
import Foundation
import Testing
@testable import Targeting

@Suite("Targeting run")
struct TargetingRunTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/targeting/contacts.csv").path

    static let brittany = "departement in [22, 29, 35, 56] and age > 40 and DERNIERE_VISITE < today - 30 days"

    /// Runs the stage in a temp folder and returns (summary, reason by NOM for excluded rows, audience NOMs).
    static func run(_ filter: String?, consent: String? = "AUTORISE_SMS", exclusions: Exclusions = Exclusions()) throws
        -> (TargetSummary, [String: String], [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let audience = folder.appendingPathComponent("audience.csv").path
        let excluded = folder.appendingPathComponent("excluded.csv").path
        let summary = try Targeting.run(TargetConfiguration(
            input: fixture, output: audience, excluded: excluded, filter: filter,
            today: CivilDate.parse("2026-11-22")!, consentColumn: consent, exclusions: .given(exclusions)))
        let excludedRows = try String(contentsOfFile: excluded, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = excludedRows[0]
        let reason = header.firstIndex(of: "_reason")!, name = header.firstIndex(of: "NOM")!
        let reasons = Dictionary(uniqueKeysWithValues: excludedRows.dropFirst().map { ($0[name], $0[reason]) })
        let audienceRows = try String(contentsOfFile: audience, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let audienceName = audienceRows[0].firstIndex(of: "NOM")!
        return (summary, reasons, audienceRows.dropFirst().map { $0[audienceName] })
    }

    @Test("clients of Brittany over 40 who accept SMS and have not come for 30 days")
    func brittany() throws {
        let (summary, reasons, audience) = try Self.run(Self.brittany)
        #expect(summary.rows == 59)
        #expect(summary.audience + summary.excluded.values.reduce(0, +) == summary.rows, "counts add up")
        #expect(audience.contains("LE GALL"))      // 29, 48 years, visit 1 Sept
        #expect(audience.contains("HERVÉ"))        // 56, 76, consent "yes"
        #expect(audience.contains("PRIGENT"))      // ISO dates
        #expect(reasons["KERBRAT"] == "filter")    // exactly 40 today: not over 40
        #expect(reasons["MORVAN"] == "filter")     // 40 until tomorrow, visit exactly 31 days ago
        #expect(reasons["QUÉRÉ"] == "filter")      // 41 since yesterday, but came 29 days ago
        #expect(reasons["GUEGUEN"] == "no_consent")
        #expect(reasons["ROPARS"] == "no_consent") // empty consent
        #expect(reasons["TANGUY"] == "filter")     // 44: Loire-Atlantique
        #expect(reasons["LE BIHAN"] == "unreadable:DATE_NAISSANCE")  // 31/02/1980
        #expect(reasons["RIOU"] == "filter")       // no birth date: no age
        #expect(reasons["CADIOU"] == "filter")     // consent "1", no visit date
        #expect(reasons["SANTONI"] == "filter")    // 2A
        #expect(reasons["LAMBERT"] == "filter")
    }

    @Test("the store's exclusions come first, in their order")
    func exclusions() throws {
        func e164(_ text: String) -> UInt64 { UInt64(text.dropFirst())! }
        let exclusions = Exclusions(
            suppressed: [e164("+33610000001"): .stop, e164("+33610000013"): .npai, e164("+33610000004"): .manual],
            isErased: { $0 == "+33610000015" },
            campaigns: [(id: "noel-2025", recipients: [e164("+33610000002"), e164("+33610000013")])],
            maxSends: (limit: 2, counts: [e164("+33610000003"): 2, e164("+33610000012"): 1]))
        let (summary, reasons, _) = try Self.run(nil, exclusions: exclusions)
        #expect(reasons["LE GALL"] == "stop")
        #expect(reasons["HERVÉ"] == "npai")         // also a campaign recipient: npai wins
        #expect(reasons["GUEGUEN"] == "manual")     // also no consent: the suppression wins
        #expect(reasons["PRIGENT"] == "stop")       // erased after opting out: a keyed hash remains
        #expect(reasons["KERBRAT"] == "campaign:noel-2025")
        #expect(reasons["MORVAN"] == "max_sends")
        #expect(reasons["LAMBERT"] == nil)          // one message of two allowed
        #expect(summary.excluded["stop"] == 2)
    }

    @Test("follow-ups: only a campaign's recipients, only those not delivered, not those who replied; after the store's exclusions")
    func followUps() throws {
        func e164(_ text: String) -> UInt64 { UInt64(text.dropFirst())! }
        let recipients: Set<UInt64> = [e164("+33610000001"), e164("+33610000002"), e164("+33610000003"), e164("+33610000012")]
        var exclusions = Exclusions(suppressed: [e164("+33610000001"): .stop])
        exclusions.notDelivered = [(id: "noel", recipients: recipients, delivered: [e164("+33610000002")])]
        exclusions.replied = [(id: "noel", numbers: [e164("+33610000003")])]
        let (summary, reasons, audience) = try Self.run(nil, consent: nil, exclusions: exclusions)
        #expect(reasons["LE GALL"] == "stop")                 // a recipient, but STOP comes first
        #expect(reasons["KERBRAT"] == "delivered:noel")       // +33610000002
        #expect(reasons["MORVAN"] == "replied:noel")          // +33610000003: not delivered, but replied
        #expect(audience == ["LAMBERT"])                      // +33610000012: not delivered, no reply
        #expect(summary.excluded["not_in_campaign:noel"] == summary.rows - 4)

        var only = Exclusions()
        only.onlyCampaigns = [(id: "noel", recipients: recipients)]
        let (_, onlyReasons, onlyAudience) = try Self.run(nil, consent: nil, exclusions: only)
        #expect(Set(onlyAudience) == ["LE GALL", "KERBRAT", "MORVAN", "LAMBERT"])
        #expect(onlyReasons["HERVÉ"] == "not_in_campaign:noel")
    }

    @Test("the excluded file puts _reason after Texto's columns")
    func excludedLayout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Targeting.run(TargetConfiguration(
            input: Self.fixture, output: folder.appendingPathComponent("a.csv").path, excluded: folder.appendingPathComponent("e.csv").path,
            filter: "VILLE = Brest", today: CivilDate.parse("2026-11-22")!))
        let header = try String(contentsOfFile: folder.appendingPathComponent("e.csv").path, encoding: .utf8).prefix { $0 != "\n" }
        #expect(header.hasPrefix("_source,_row,_phone,_phone_raw,_reason,CIVILITE,NOM"))
    }
}
