import Gateway
import TextoCore

/// A reply as Gammu SMSD's "files" backend stores it in its inbox:
/// `IN<YYYYMMDD>_<HHMMSS>_<NN>_<sender>_<part>.txt` (docs/manual/smsd/files.rst
/// in gammu/gammu), the text in UTF-16 after a BOM (Gammu writes FE FF),
/// or in the system's charset without one (read as UTF-8 here).
public struct GammuInboxFile: Sendable, Equatable {
    /// When it was received: Paris time of the name, Unix seconds.
    public var receivedAt: Int
    /// The sender as the name gives it (`+33630050660`).
    public var sender: String
    /// The part of a multipart message (0 for a single one).
    public var part: Int
    public var text: String

    /// Reads a file named `name` holding `bytes`; nil when the name is not a
    /// Gammu inbox name.
    public init?(name: String, bytes: [UInt8]) {
        guard name.hasPrefix("IN"), name.hasSuffix(".txt") else { return nil }
        let fields = name.dropFirst(2).dropLast(4).split(separator: "_", omittingEmptySubsequences: false)
        // The sender may hold `_` in theory: it is everything between the third field and the last.
        guard fields.count >= 5, fields[0].count == 8, fields[1].count == 6,
              let day = Int(fields[0]), let clock = Int(fields[1]), let part = Int(fields[fields.count - 1]),
              let date = CivilDate(year: day / 10_000, month: day / 100 % 100, day: day % 100),
              clock / 10_000 < 24, clock / 100 % 100 < 60, clock % 100 < 60 else { return nil }
        let second = clock / 10_000 * 3_600 + clock / 100 % 100 * 60 + clock % 100
        receivedAt = ParisTime.unixTime(date, secondOfDay: second).earliest
        sender = fields[3..<(fields.count - 1)].joined(separator: "_")
        self.part = part
        text = GammuOutboxWriter.decode(bytes)
    }
}
