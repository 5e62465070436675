import Delivery
import Foundation
import Gateway
import TestSupport
import Testing
import TextoCore

/// texto-simulate's files, read back independently: the receipts by a
/// regular expression, the ids through submit.log, the inbox as UTF-16.
@Suite("Gateway simulation")
struct SimulationTests {
    /// A CSV batch of `count` messages, one per second from 2026-11-28 10:00 Paris.
    static func batch(_ folder: TemporaryFolder, count: Int, format: BatchFormat = .csv) throws -> String {
        let out = folder.file("batches")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let writer = try format.makeWriter(BatchConfiguration(folder: out, campaign: "noel-2026"))
        let start = 1_795_856_400 // 2026-11-28T10:00:00+01:00
        for index in 0..<count {
            let phone = "+336\(10_000_000 + index)"
            _ = try writer.write(GatewayMessage(
                id: MessageID(campaign: "noel-2026", e164: phone), to: phone, from: "KERKAFE",
                text: "Bonjour client \(index), -20 % ce samedi à Brest !\nSTOP au 36035", encoding: .gsm7, segments: 1,
                campaign: "noel-2026", sendAt: start + index, sendAtOffset: 3_600))
        }
        _ = try writer.finish()
        try writer.commit()
        return out
    }

    static func simulate(_ folder: TemporaryFolder, batches: String, out: String = "gateway",
                         _ adjust: (inout SimulationConfiguration) -> Void = { _ in }) throws -> SimulationSummary {
        var configuration = SimulationConfiguration(batches: [batches], out: folder.file(out))
        adjust(&configuration)
        return try GatewaySimulation.run(configuration)
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// `field:value` of a receipt line.
    static func field(_ name: String, in line: String) -> String? {
        guard let range = line.range(of: " \(name):") ?? line.range(of: ": \(name):") else { return nil }
        return String(line[range.upperBound...].prefix { $0 != " " })
    }

    @Test("the same seed gives the same bytes; another seed, other files")
    func deterministic() throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 500)
        _ = try Self.simulate(folder, batches: batches, out: "a") { $0.seed = 7; $0.stop = 0.05; $0.reply = 0.05 }
        _ = try Self.simulate(folder, batches: batches, out: "b") { $0.seed = 7; $0.stop = 0.05; $0.reply = 0.05 }
        _ = try Self.simulate(folder, batches: batches, out: "c") { $0.seed = 8; $0.stop = 0.05; $0.reply = 0.05 }
        for name in ["receipts.log", "submit.log", "expected.csv"] {
            #expect(try folder.bytes("a/" + name) == folder.bytes("b/" + name), "\(name)")
            #expect(try folder.bytes("a/" + name) != folder.bytes("c/" + name), "\(name)")
        }
        #expect(folder.listing(in: "a/inbox") == folder.listing(in: "b/inbox"))
        #expect(!folder.listing(in: "a/inbox").isEmpty)
    }

    @Test("every message's final receipt, found through submit.log, says what expected.csv says; the shares are near the rates")
    func receiptsMatchExpected() throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 10_000)
        let summary = try Self.simulate(folder, batches: batches) { $0.noise = 0.1 }
        #expect(summary.messages == 10_000)
        // submit.log: our id → the SMSC's.
        var smsc: [String: String] = [:]
        for line in try Self.lines(folder.file("gateway/submit.log")) {
            smsc[try #require(Self.field("id", in: line))] = try #require(Self.field("message_id", in: line))
        }
        #expect(smsc.count == 10_000)
        // receipts.log: the SMSC's id (normalized: lower case, no leading zeros) → final stats seen.
        var finals: [String: Set<String>] = [:]
        var lines = 0
        for line in try Self.lines(folder.file("gateway/receipts.log")) {
            lines += 1
            let id = try #require(Self.field("id", in: line)).lowercased().drop { $0 == "0" }
            let stat = try #require(Self.field("stat", in: line))
            #expect(line.contains(" text:") || line.contains(" Text:"))
            if !["ENROUTE", "ACCEPTD"].contains(stat) { finals[String(id), default: []].insert(stat + "/" + (Self.field("err", in: line) ?? "")) }
        }
        #expect(lines == summary.receipts)
        var counts: [String: Int] = [:]
        let expected = try Self.lines(folder.file("gateway/expected.csv"))
        #expect(expected.first == "message_id,phone,outcome,stat,err,reply")
        for row in expected.dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            counts[cells[2], default: 0] += 1
            let id = String(try #require(smsc[cells[0]]).drop { $0 == "0" })
            if cells[2] == "pending" {
                #expect(finals[id] == nil)
            } else {
                #expect(finals[id] == [cells[3] + "/" + cells[4]], "\(cells[0])")
            }
        }
        #expect(counts == summary.outcomes)
        // 10,000 draws: each share within 4 standard deviations.
        for (outcome, rate) in [("delivered", 0.947), ("expired", 0.028), ("failed", 0.025)] {
            let sigma = (rate * (1 - rate) / 10_000).squareRoot()
            #expect(abs(Double(counts[outcome, default: 0]) / 10_000 - rate) < 4 * sigma, "\(outcome)")
        }
        #expect(summary.duplicates > 500 && summary.duplicates < 1_500)
    }

    @Test("replies: Gammu inbox files in UTF-16BE with BOM; the opt-out words find exactly the STOP ones")
    func replies() throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 2_000)
        let summary = try Self.simulate(folder, batches: batches) { $0.stop = 0.05; $0.reply = 0.05 }
        let names = folder.listing(in: "gateway/inbox")
        #expect(names.count == summary.stops + summary.replies)
        #expect(summary.stops > 50 && summary.replies > 50)
        let pattern = /IN\d{8}_\d{6}_\d{2}_\+\d+_00\.txt/
        var stops = 0
        for name in names {
            #expect(name.wholeMatch(of: pattern) != nil, "\(name)")
            let bytes = try folder.bytes("gateway/inbox/" + name)
            #expect(bytes.starts(with: [0xFE, 0xFF]))
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            let text = String(decoding: units, as: UTF16.self)
            if OptOutWords.standard.isOptOut(text) { stops += 1 }
        }
        #expect(stops == summary.stops)
    }

    @Test("replies as CSV, and receipts carrying our ids when asked")
    func csvRepliesAndOurIDs() throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 300)
        let summary = try Self.simulate(folder, batches: batches) { $0.replies = .csv; $0.ids = .ours; $0.reply = 0.2; $0.noise = 0 }
        #expect(!FileManager.default.fileExists(atPath: folder.file("gateway/submit.log")))
        let replies = try Self.lines(folder.file("gateway/replies.csv"))
        #expect(replies.first == "phone,received_at,text")
        #expect(replies.count - 1 == summary.replies + summary.stops)
        let ours = Set(try Self.lines(folder.file("gateway/expected.csv")).dropFirst().map { String($0.prefix(20)) })
        for line in try Self.lines(folder.file("gateway/receipts.log")) {
            #expect(ours.contains(try #require(Self.field("id", in: line))))
        }
    }

    @Test("plays JSON Lines and Gammu outbox batches too", arguments: [BatchFormat.jsonl, .gammu])
    func otherFormats(format: BatchFormat) throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 40, format: format)
        let summary = try Self.simulate(folder, batches: batches)
        #expect(summary.messages == 40)
        let ids = try Self.lines(folder.file("gateway/expected.csv")).dropFirst().map { String($0.prefix(20)) }
        #expect(ids == (0..<40).map { MessageID(campaign: "noel-2026", e164: "+336\(10_000_000 + $0)").text })
    }

    @Test("shares that cannot work are refused before anything is written", arguments: [
        (1.2, 0.0, "--delivered"), (0.9, 0.2, "--delivered"), (-0.1, 0.0, "--delivered"),
    ])
    func invalidShares(delivered: Double, expired: Double, option: String) throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 3)
        let error = #expect(throws: SimulationError.self) {
            try Self.simulate(folder, batches: batches) { $0.delivered = delivered; $0.expired = expired; $0.failed = 0 }
        }
        #expect(error?.category == .usage && error?.location.option == option)
        #expect(!FileManager.default.fileExists(atPath: folder.file("gateway")))
    }

    @Test("a latency beyond the 48-hour validity is refused; within it, no delivery comes after the validity (simulate latency crash)")
    func latencyBounds() throws {
        let folder = try TemporaryFolder()
        let batches = try Self.batch(folder, count: 200)
        for (median, p90) in [(1e300, 1e301), (6.0, 172_801.0), (6.0, .infinity), (6.0, .nan)] {
            let error = #expect(throws: SimulationError.self) {
                try Self.simulate(folder, batches: batches) { $0.latencyMedian = median; $0.latencyP90 = p90 }
            }
            #expect(error?.location.option == "--latency" && error?.hint.contains("172800") == true, "\(String(describing: error))")
        }
        _ = try Self.simulate(folder, batches: batches) { $0.delivered = 1; $0.expired = 0; $0.failed = 0; $0.latencyMedian = 1; $0.latencyP90 = 172_800 }
        let receipts = try Self.lines(folder.file("gateway/receipts.log")).filter { Self.field("stat", in: $0) == "DELIVRD" }
        #expect(receipts.count >= 200, "every message delivered (some receipts repeated, as gateways do)")
        for line in receipts {
            let submitted = try #require(Self.field("submit date", in: line)), done = try #require(Self.field("done date", in: line))
            #expect(Self.seconds(done) - Self.seconds(submitted) <= 172_800, "\(line)")
        }
    }

    /// Seconds of an SMPP `YYMMDDhhmm` date (UTC).
    static func seconds(_ date: String) -> Int {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyMMddHHmm"
        return Int(formatter.date(from: date)?.timeIntervalSince1970 ?? .nan)
    }
}
