import Foundation
import Gateway
import TestSupport
import Testing

@Suite("JSON Lines batch files")
struct JSONLinesBatchWriterTests {
    @Test("read back line by line with JSONSerialization, the files give the messages, keys in the fixed order")
    func roundTrip() throws {
        let folder = try TemporaryFolder()
        let writer = try JSONLinesBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"))
        for sample in tricky { #expect(try writer.write(sample) == "noel-2026.jsonl") }
        _ = try writer.finish()
        try writer.commit()

        let bytes = try folder.bytes("noel-2026.jsonl")
        #expect(bytes.last == 0x0A)
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == tricky.count, "one line per message: no raw line break inside an object")
        for (line, sample) in zip(lines, tricky) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let sendAt = try #require(object["send_at"] as? String)
            let (seconds, offset) = parseISO(sendAt)
            let encoding = try #require(object["encoding"] as? String)
            let back = GatewayMessage(
                id: sample.id, to: try #require(object["to"] as? String), from: try #require(object["from"] as? String),
                text: try #require(object["text"] as? String),
                encoding: try #require(GatewayMessage.Encoding(rawValue: encoding)),
                segments: try #require(object["segments"] as? Int), campaign: try #require(object["campaign"] as? String),
                sendAt: seconds, sendAtOffset: offset)
            #expect(object["id"] as? String == sample.id.text)
            #expect(back == sample)
            // Keys in the order the APIs document them.
            let text = String(decoding: line, as: UTF8.self)
            let positions = ["\"id\":", "\"to\":", "\"from\":", "\"text\":", "\"encoding\":", "\"segments\":", "\"send_at\":", "\"campaign\":"]
                .map { text.range(of: $0)!.lowerBound }
            #expect(positions == positions.sorted())
        }
    }

    @Test("quotes, line breaks, emoji and U+2028 are escaped the way the golden line shows")
    func escaping() throws {
        let folder = try TemporaryFolder()
        let writer = try JSONLinesBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026"))
        let sample = message(text: "Il a dit \"oui\"\nà 🎄\u{2028}fin\\", encoding: .ucs2, segments: 1)
        try writer.write(sample)
        _ = try writer.finish()
        try writer.commit()
        let text = String(decoding: try folder.bytes("noel-2026.jsonl"), as: UTF8.self)
        #expect(text == """
            {"id":"\(sample.id)","to":"+33630050660","from":"BOULANGERIE","text":"Il a dit \\"oui\\"\\nà 🎄\\u2028fin\\\\",\
            "encoding":"UCS2","segments":1,"send_at":"2026-11-28T14:00:00+01:00","campaign":"noel-2026"}

            """)
    }

    @Test("golden bytes of a small batch")
    func golden() throws {
        let folder = try TemporaryFolder()
        let writer = try JSONLinesBatchWriter(BatchConfiguration(folder: folder.path, campaign: "noel-2026", chunk: 2))
        for sample in tricky { try writer.write(sample) }
        _ = try writer.finish()
        try writer.commit()
        #expect(try compareWithGolden(folder, "jsonl") == [])
    }
}
