import Foundation
import Testing
@testable import Gateway

@Suite("Send times and JSON text")
struct SendTimeAndJSONTests {
    @Test("ISO 8601 with the offset, and Gammu's date and time, agree with Foundation", arguments: [
        "2026-11-28T14:00:00+01:00", "2026-07-04T10:30:00+02:00", "2026-03-29T03:00:00+02:00",
        "2026-10-25T02:30:00+02:00", "2026-10-25T02:10:00+01:00", "2024-02-29T23:59:59+01:00",
        "1970-01-01T00:00:00+00:00", "2099-12-31T08:00:00-03:30",
    ])
    func formats(_ iso: String) throws {
        let sample = message(text: "x", at: iso)
        let time = try SendTime(sample)
        #expect(time.iso8601 == iso)
        var stamp: [UInt8] = []
        time.appendGammuStamp(to: &stamp)
        #expect(String(decoding: stamp, as: UTF8.self) == localTime(sample, format: "yyyyMMdd_HHmmss"))
    }

    @Test("an offset in seconds, or a time outside 1970-9999, is refused as a data error", arguments: [
        (1_795_870_800, 3_601), (1_795_870_800, 19 * 3600), (-3_601, 3_600), (253_402_300_800, 0),
    ])
    func refused(_ sendAt: Int, _ offset: Int) {
        var sample = message(text: "x")
        sample.sendAt = sendAt
        sample.sendAtOffset = offset
        #expect {
            _ = try SendTime(sample)
        } throws: { error in
            (error as? GatewayError)?.code == .invalidMessage && (error as? GatewayError)?.category == .data
        }
    }

    @Test("JSON strings: quotes, backslashes, control characters and U+2028/2029 escaped; accents and emoji as UTF-8", arguments: [
        ("say \"hi\"", #""say \"hi\"""#),
        ("a\\b", #""a\\b""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{08}\u{0C}\u{01}\u{1F}\u{7F}", "\"\\b\\f\\u0001\\u001f\u{7F}\""),
        ("ligne\u{2028}para\u{2029}", #""ligne\u2028para\u2029""#),
        ("Noël 🎄 €", "\"Noël 🎄 €\""),
        ("a/b", "\"a/b\""),
        ("", "\"\""),
    ])
    func jsonString(_ text: String, _ expected: String) throws {
        var bytes: [UInt8] = []
        JSONText.appendString(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        // What a JSON parser reads back is the text.
        let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? String
        #expect(parsed == text)
    }
}
