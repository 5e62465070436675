import Foundation
import Gateway
import TestSupport

/// A message of campaign `noel-2026` sent at `iso` (the offset in the text is the one given).
func message(to number: String = "+33630050660", text: String, at iso: String = "2026-11-28T14:00:00+01:00",
             encoding: GatewayMessage.Encoding = .gsm7, segments: Int = 1, from sender: String = "BOULANGERIE",
             campaign: String = "noel-2026") -> GatewayMessage {
    let (sendAt, offset) = parseISO(iso)
    return GatewayMessage(id: MessageID(campaign: campaign, e164: number), to: number, from: sender, text: text,
                          encoding: encoding, segments: segments, campaign: campaign, sendAt: sendAt, sendAtOffset: offset)
}

/// Unix seconds and offset of `2026-11-28T14:00:00+01:00`, by Foundation
/// (independent of the writers' own arithmetic).
func parseISO(_ text: String) -> (sendAt: Int, offset: Int) {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    guard let date = formatter.date(from: text) else { fatalError("\(text) is not ISO 8601") }
    let suffix = text.suffix(6)
    let sign = suffix.first == "-" ? -1 : 1
    let hours = Int(suffix.dropFirst().prefix(2))!, minutes = Int(suffix.suffix(2))!
    return (Int(date.timeIntervalSince1970), sign * (hours * 3600 + minutes * 60))
}

/// `message`'s local send time formatted by Foundation with `format`.
func localTime(_ message: GatewayMessage, format: String) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: message.sendAtOffset)
    formatter.dateFormat = format
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(message.sendAt)))
}

/// A small batch with what tends to break writers: a comma, a semicolon,
/// quotes and a line break in one text, a formula-like text, accents, an
/// emoji, U+2028, a summer and a winter time.
let tricky: [GatewayMessage] = [
    message(to: "+33630050660", text: "Bonjour Zoé, -20% ce samedi ! STOP 36180"),
    message(to: "+33612345678", text: "=SUM(A1) \"promo\"; 2 pour 1,\nà bientôt", at: "2026-11-28T14:00:01+01:00"),
    message(to: "+33700000001", text: "Joyeux Noël 🎄", at: "2026-07-04T10:30:00+02:00", encoding: .ucs2),
    message(to: "+33611111111", text: "ligne\u{2028}séparée \\ fin", at: "2026-11-28T14:00:00+01:00", encoding: .ucs2),
    message(to: "+262692000000", text: "Plain ASCII, no accent", at: "2026-11-28T13:59:59+01:00"),
]

/// Whether `TEXTO_RECORD=1` asks to rewrite the golden files.
var recording: Bool { ProcessInfo.processInfo.environment["TEXTO_RECORD"] == "1" }

/// The golden folder of `name`, in the source tree.
func goldenFolder(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
}

/// The files of `folder` (not hidden) against `Golden/<name>/`: the
/// differences, empty when they agree. With `TEXTO_RECORD=1`, rewrites
/// the golden folder first.
func compareWithGolden(_ folder: TemporaryFolder, _ name: String) throws -> [String] {
    let golden = goldenFolder(name)
    let manager = FileManager.default
    let produced = folder.listing.filter { !$0.hasPrefix(".") }
    if recording {
        try? manager.removeItem(at: golden)
        try manager.createDirectory(at: golden, withIntermediateDirectories: true)
        for file in produced { try manager.copyItem(atPath: folder.file(file), toPath: golden.appendingPathComponent(file).path) }
    }
    let expected = ((try? manager.contentsOfDirectory(atPath: golden.path)) ?? []).sorted()
    var differences: [String] = []
    if produced != expected { differences.append("files \(produced), golden \(expected)") }
    for file in Set(produced).intersection(expected).sorted() {
        let bytes = try folder.bytes(file)
        let goldenBytes = Array(try Data(contentsOf: golden.appendingPathComponent(file)))
        if bytes != goldenBytes {
            differences.append("\(file) differs from \(golden.path)/\(file) (TEXTO_RECORD=1 swift test re-records)")
        }
    }
    return differences
}
