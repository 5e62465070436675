@testable import Delivery
import Foundation
import Store
import Testing

/// Paris wall time by Foundation's time-zone data (independent of ParisTime).
func parisTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
    let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
    return Int(date.timeIntervalSince1970)
}

@Suite("SMPP receipt lines")
struct ReceiptParserTests {
    @Test("the specification's example, alone")
    func specification() throws {
        let receipt = try #require(ReceiptParser.parse(
            "id:0000000012345678 sub:001 dlvrd:001 submit date:1601010100 done date:1601010101 stat:DELIVRD err:000 text:none"))
        #expect(receipt.id == "0000000012345678")
        #expect(receipt.submitted == 1 && receipt.delivered == 1)
        #expect(receipt.submitDate == parisTime(2016, 1, 1, 1, 0) && receipt.doneDate == parisTime(2016, 1, 1, 1, 1))
        #expect(receipt.stat == .delivered && receipt.error == "000" && receipt.text == "none")
        #expect(receipt.outcome == .delivered)
    }

    @Test("as gateways log them: a prefix, other key cases, Text: or no text, 12-digit dates", arguments: [
        ("2026-11-28 16:00:01 [DLR] from +33610000010: id:c50e5c3279 sub:001 dlvrd:001 submit date:2611281600 done date:2611281600 stat:DELIVRD err:000 text:Bonjour Marie, -20 %",
         "c50e5c3279", "DELIVRD", parisTime(2026, 11, 28, 16, 0), "Bonjour Marie, -20 %"),
        ("2026-11-28 16:00:01 [6] DEBUG: Got DLR: id:A3F9C21B sub:001 dlvrd:000 submit date:261128195932 done date:261128195936 stat:ACCEPTD err:000 Text:Bonjour Erwan",
         "A3F9C21B", "ACCEPTD", parisTime(2026, 11, 28, 19, 59, 36), "Bonjour Erwan"),
        ("ID:12345 SUB:001 DLVRD:000 SUBMIT DATE:2603290159 DONE DATE:2603290301 STAT:EXPIRED ERR:000",
         "12345", "EXPIRED", parisTime(2026, 3, 29, 3, 1), nil),
        ("deliver_sm: id: 98765 sub:001 dlvrd:000 submit date:2611281600 done date:2611281601 stat:UNDELIV err:001 text:",
         "98765", "UNDELIV", parisTime(2026, 11, 28, 16, 1), ""),
    ] as [(String, String, String, Int, String?)])
    func variants(line: String, id: String, stat: String, done: Int, text: String?) throws {
        let receipt = try #require(ReceiptParser.parse(line))
        #expect(receipt.id == id)
        #expect(receipt.statWord == stat)
        #expect(receipt.doneDate == done)
        #expect(receipt.text == text)
    }

    @Test("stat words and the outcome each gives", arguments: [
        ("DELIVRD", ReceiptOutcome.delivered), ("EXPIRED", .expired), ("DELETED", .expired), ("UNDELIV", .failed),
        ("REJECTD", .failed), ("UNKNOWN", .failed), ("FAILED", .failed), ("ENROUTE", .pending), ("ACCEPTD", .pending),
        ("BUFFRED", .pending), ("delivrd", .delivered),
    ])
    func outcomes(word: String, outcome: ReceiptOutcome) throws {
        let receipt = try #require(ReceiptParser.parse("id:1 sub:001 dlvrd:001 submit date:2611281600 done date:2611281600 stat:\(word) err:000 text:x"))
        #expect(receipt.outcome == outcome)
        #expect(receipt.statWord == word.uppercased())
        #expect((receipt.stat == nil) == (word == "FAILED"), "a word SMPP does not define keeps no state, and is counted by word")
    }

    @Test("lines without a receipt", arguments: [
        "", "2026-11-28 16:00:00 [SUBMIT] id:A5MQBXKFSNR0ULSWEQ9V to:+33630050660 message_id:e459320dd7",
        "message_id:e459320dd7 stat:DELIVRD", "id: stat:DELIVRD", "id:123 sub:001 dlvrd:001",
    ])
    func noReceipt(line: String) {
        #expect(ReceiptParser.parse(line) == nil)
    }

    @Test("a date that is not one is left out, the receipt kept")
    func badDates() throws {
        let receipt = try #require(ReceiptParser.parse("id:1 submit date:2613281600 done date:26112816 stat:DELIVRD err:000"))
        #expect(receipt.submitDate == nil && receipt.doneDate == nil && receipt.stat == .delivered)
    }

    @Test("receipt dates from the cache are the dates read one by one, across both changes of time in Paris")
    func dateCache() throws {
        var cache = ReceiptParser.DateCache()
        // Two passes, so that later dates find earlier ones in the cache (or in their slot, another).
        for _ in 0..<2 {
            for day in ["261025", "261026", "260329", "260330", "261128"] {
                for minute in stride(from: 0, to: 24 * 60, by: 7) {
                    for seconds in ["", String(format: "%02d", minute % 60)] {
                        let digits = day + String(format: "%02d%02d", minute / 60, minute % 60) + seconds
                        try Array(digits.utf8).withUnsafeBytes { bytes in
                            let expected = ReceiptParser.date(bytes[...])
                            let cached = cache.time(bytes[...])
                            #expect(cached?.unixTime == expected, "\(digits)")
                            #expect(cached?.text == expected.map { StoreTime.text(unixTime: $0) })
                            _ = try #require(expected)
                        }
                    }
                }
            }
        }
    }

    @Test("a late DELIVRD wins over anything; a final state over a pending one")
    func precedence() {
        #expect([ReceiptOutcome.pending, .failed, .delivered, .expired].max() == .delivered)
        #expect([ReceiptOutcome.pending, .expired].max() == .expired)
        #expect(ReceiptOutcome.pending < .failed)
    }
}

@Suite("Kannel dlr-url requests")
struct KannelDLRTests {
    @Test("a web server's access log line, our id in the query, the receipt percent-encoded")
    func accessLog() throws {
        let line = #"10.0.0.5 - - [28/Nov/2026:16:00:12 +0100] "GET /dlr?id=A5MQBXKFSNR0ULSWEQ9V&type=1&answer=id%3A0a3f9c21b+sub%3A001+dlvrd%3A001+submit+date%3A2611281600+done+date%3A2611281600+stat%3ADELIVRD+err%3A000+text%3ABonjour HTTP/1.1" 200 2"#
        let report = try #require(KannelDLR.parse(line))
        #expect(report.type == 1 && report.id == "A5MQBXKFSNR0ULSWEQ9V")
        #expect(report.receipt?.stat == .delivered && report.receipt?.doneDate == parisTime(2026, 11, 28, 16, 0))
        #expect(report.outcome == .delivered && report.status == "DELIVRD")
    }

    @Test("types without a receipt, and the parameter names dlr-urls use", arguments: [
        ("GET /dlr?msgid=M1&type=1", 1, "M1", ReceiptOutcome.delivered), ("/cb?type=2&ref=M2", 2, "M2", .failed),
        ("/cb?type=4&message_id=M3", 4, "M3", .pending), ("/cb?type=8&id=M4", 8, "M4", .pending), ("/cb?type=16&id=M5", 16, "M5", .failed),
    ])
    func types(line: String, type: Int, id: String, outcome: ReceiptOutcome) throws {
        let report = try #require(KannelDLR.parse(line))
        #expect(report.type == type && report.id == id && report.outcome == outcome && report.receipt == nil)
    }

    @Test("lines that are not reports", arguments: ["GET /index.html", "/dlr?type=3&id=M1", "/dlr?type=1", "/dlr?id=M1&type=x", "type=1&id=M1"])
    func notReports(line: String) {
        #expect(KannelDLR.parse(line) == nil)
    }
}

@Suite("Opt-out replies")
struct OptOutWordsTests {
    @Test("opt-outs as people type them", arguments: [
        "STOP", "Stop", "stop", "STOP ", " Stop.", "STOP!", "ARRET", "Arrêt", "arret !", "STOP SMS", "stop  sms", "Stopall",
        "UNSUBSCRIBE", "STOP 36035", "« STOP »", "Stop 🙏",
    ])
    func optOuts(reply: String) {
        #expect(OptOutWords.standard.isOptOut(reply))
    }

    @Test("replies that are not opt-outs, some holding the word", arguments: [
        "Merci !", "Stop à la pluie, vivement samedi", "Je ne veux pas que ça s'arrête", "Merci, arrêt de bus en face ?",
        "STOPPER", "non stop", "STOP ça", "stop stop", "", "36035",
    ])
    func notOptOuts(reply: String) {
        #expect(!OptOutWords.standard.isOptOut(reply))
    }

    @Test("keywords are configurable, folded the same way")
    func configurable() {
        let words = OptOutWords(["désabonner", "FIN"])
        #expect(words.isOptOut("Desabonner") && words.isOptOut("fin.") && !words.isOptOut("STOP"))
    }
}

@Suite("Gammu inbox files")
struct GammuInboxFileTests {
    static func utf16BE(_ text: String) -> [UInt8] {
        [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    @Test("Gammu's own name and UTF-16BE text")
    func gammuFile() throws {
        let file = try #require(GammuInboxFile(name: "IN20261128_161203_00_+33630050660_00.txt", bytes: Self.utf16BE("Arrêt 🙏")))
        #expect(file.receivedAt == parisTime(2026, 11, 28, 16, 12, 3))
        #expect(file.sender == "+33630050660" && file.part == 0 && file.text == "Arrêt 🙏")
    }

    @Test("little-endian with a BOM, and plain bytes without one")
    func encodings() throws {
        let little: [UInt8] = [0xFF, 0xFE] + "Stop".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(GammuInboxFile(name: "IN20260704_090000_01_0630050660_02.txt", bytes: little)?.text == "Stop")
        let plain = try #require(GammuInboxFile(name: "IN20260704_090000_01_0630050660_02.txt", bytes: Array("merci".utf8)))
        #expect(plain.text == "merci" && plain.part == 2 && plain.sender == "0630050660")
        #expect(plain.receivedAt == parisTime(2026, 7, 4, 9, 0))
    }

    @Test("names that are not Gammu inbox names", arguments: [
        "OUTC20261128_161203_00_+33630050660_00.txt", "IN20261128_161203_00_+33630050660_00.csv", "IN2026112_161203_00_+336_00.txt",
        "IN20261328_161203_00_+33630050660_00.txt", "IN20261128_250000_00_+33630050660_00.txt", "IN20261128_161203_+33630050660.txt",
    ])
    func notInboxNames(name: String) {
        #expect(GammuInboxFile(name: name, bytes: []) == nil)
    }
}
