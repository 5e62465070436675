import Gateway
import Testing

@Suite("Send time formats")
struct SendTimeFormatTests {
    @Test("ISO 8601 with the Paris offset of the moment, and Gammu's date and time parts", arguments: [
        ("2026-11-28 14:00", "2026-11-28T14:00:00+01:00", "20261128", "140000"),
        ("2026-07-14 09:05:07", "2026-07-14T09:05:07+02:00", "20260714", "090507"),
        ("2026-12-31 23:59:59", "2026-12-31T23:59:59+01:00", "20261231", "235959"),
        ("2027-01-01 00:00", "2027-01-01T00:00:00+01:00", "20270101", "000000"),
        ("2026-03-29 03:00", "2026-03-29T03:00:00+02:00", "20260329", "030000"),
    ])
    func formats(time: String, iso: String, date: String, clock: String) {
        let unixTime = paris(time)
        #expect(SendTimeFormat.iso8601(unixTime) == iso)
        var bytes: [UInt8] = Array("send_at=".utf8)
        SendTimeFormat.appendISO8601(unixTime, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "send_at=" + iso)
        #expect(SendTimeFormat.gammuParts(unixTime) == (date, clock))
    }
}
