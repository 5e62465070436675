import Messages
import TextoCore

/// What an emit did: the figures of its line and of `--summary FILE.json`.
public struct EmitSummary: StageSummary, Codable, Equatable {
    public var campaign = ""
    public var format = ""
    /// A test send (`--test-to`): only the test batch was written.
    public var test = false
    /// Rows read (or numbers given with `--to`).
    public var rows = 0
    /// Messages in the batch files and the ledger.
    public var messages = 0
    /// SMS units to pay.
    public var units = 0
    /// `units` × the unit price, in euros, when one was given.
    public var cost: Double?
    /// Batch files written (for Gammu, one per message).
    public var files = 0
    /// The first and last send times, ISO 8601 with the Paris offset.
    public var firstSendAt: String?
    public var lastSendAt: String?
    /// Paris days with at least one message.
    public var daysUsed = 0
    /// Each move over closed time, in the user's words
    /// (`samedi 20:00 → lundi 08:00 : dimanche exclu`).
    public var windowMoves: [String] = []
    /// Rows dropped at the last moment, by reason (`stop`, `npai`, `manual`, `erased`).
    public var excluded: [String: Int] = [:]
    /// Rows that cannot be sent, by reason (`invalid:letters`, `not_mobile:fixed`, `empty_text`, `duplicate`).
    public var rejects: [String: Int] = [:]
    /// Messages whose `_segments` or `_encoding` did not match their text
    /// (the file was edited after render): counted again.
    public var recounted = 0
    /// True when the same emit had been done: nothing was written.
    public var unchanged = false
    /// Messages of an earlier emit removed by `--replace`.
    public var replaced = 0
    /// Sentences to read before the send (a sender with spaces, a start in
    /// the past, a Gammu batch scheduled for later).
    public var warnings: [String] = []
    public var seconds = 0.0

    /// The cost, exact, in ten-thousandths of a euro.
    var costTenThousandths: Int?
    /// The side files, named in the line (not in the JSON).
    var excludedFile: String?
    var rejectsFile: String?

    enum CodingKeys: String, CodingKey {
        case campaign, format, test, rows, messages, units, cost, files, firstSendAt, lastSendAt, daysUsed, windowMoves
        case excluded, rejects, recounted, unchanged, replaced, warnings, seconds
    }

    package init() {}

    /// Rows but no message: every row was excluded or rejected.
    public var dataProblem: String? {
        guard rows > 0, messages == 0, !unchanged else { return nil }
        var reasons: [String] = []
        if !excluded.isEmpty { reasons.append("see \(excludedFile ?? "--excluded FILE") for the numbers dropped") }
        if !rejects.isEmpty { reasons.append("see \(rejectsFile ?? "--rejects FILE") for the rows that cannot be sent") }
        return "no message to emit; nothing was written to the batch folder or the store"
            + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: "; ") + ")")
    }

    public var line: String {
        var text: String
        if unchanged {
            text = "campaign \(campaign) was already emitted with these \(Self.count(messages, "message")) in \(Self.count(files, "file")): nothing changed"
        } else {
            text = "\(Self.count(messages, test ? "test message" : "message")), \(units) SMS, in \(files) \(format) \(files == 1 ? "file" : "files")"
            if let firstSendAt, let lastSendAt {
                text += firstSendAt == lastSendAt ? ", sent at \(firstSendAt)" : ", sent from \(firstSendAt) to \(lastSendAt)"
                if daysUsed > 1 { text += " over \(daysUsed) days" }
            }
            if let costTenThousandths { text += ", estimated cost EUR \(Money.format(tenThousandths: costTenThousandths, french: false))" }
        }
        if replaced > 0 { text += "; \(Self.count(replaced, "message")) of the earlier emit replaced" }
        if !windowMoves.isEmpty { text += "; outside the window: " + windowMoves.joined(separator: "; ") }
        let excludedCount = excluded.values.reduce(0, +), rejected = rejects.values.reduce(0, +)
        if excludedCount > 0 {
            text += "; \(Self.count(excludedCount, "number")) dropped since targeting (\(Self.list(excluded)))"
                + (excludedFile.map { ", listed in \($0)" } ?? "")
        }
        if rejected > 0 {
            text += "; \(Self.count(rejected, "row")) cannot be sent (\(Self.list(rejects)))" + (rejectsFile.map { ", listed in \($0)" } ?? "")
        }
        if recounted > 0 { text += "; \(Self.count(recounted, "message")) counted again: their _segments or _encoding did not match the text" }
        for warning in warnings { text += "; warning: " + warning }
        return text
    }

    /// `1 message`, `2 messages`.
    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func list(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
