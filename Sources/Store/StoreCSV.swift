import Phones
import Tables

/// The CSV files `texto-store` writes (RFC 4180, UTF-8, LF), atomically
/// (`-` is standard output).
public enum StoreCSV {
    /// `phone,reason,scope,since,source,comment`, one row per suppression
    /// in the order given (`suppressions()` sorts by number). The same file
    /// `suppressions import` reads back.
    public static func write(_ suppressions: [Suppression], to path: String) throws {
        try write(to: path, header: ["phone", "reason", "scope", "since", "source", "comment"]) { writer in
            for suppression in suppressions {
                try writer.record([
                    suppression.phone, suppression.reason.rawValue, suppression.scope.rawValue, suppression.since,
                    guarded(suppression.source), guarded(suppression.comment ?? ""),
                ])
            }
        }
    }

    /// `id,name,type,sender,created_at,messages,delivered,failed,expired,pending,stops,state,first_send_at`.
    public static func write(_ campaigns: [CampaignSummary], to path: String) throws {
        let header = ["id", "name", "type", "sender", "created_at", "messages", "delivered", "failed", "expired", "pending", "stops",
                      "state", "first_send_at"]
        try write(to: path, header: header) { writer in
            for campaign in campaigns {
                let counts = [campaign.messages, campaign.delivered, campaign.failed, campaign.expired, campaign.pending, campaign.stops]
                try writer.record([guarded(campaign.id), guarded(campaign.name), campaign.type.rawValue, guarded(campaign.sender), campaign.createdAt]
                                  + counts.map(String.init) + [campaign.state.rawValue, campaign.firstSendAt ?? ""])
            }
        }
    }

    private static func write(to path: String, header: [String], rows: (CSVWriter) throws -> Void) throws {
        let file = try AtomicOutputFile(path: path)
        let writer = CSVWriter(sink: file)
        try writer.record(header)
        try rows(writer)
        try writer.flush()
        try file.commit()
    }

    /// Text that people typed, in a file people open in Excel: a leading
    /// `= + - @`, TAB or CR would make Excel run it as a formula (OWASP
    /// "CSV Injection"; DESIGN.md §6), so it gets a `'` in front.
    package static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }
}

extension PhoneNumber {
    /// The number for a log line: country code, first digit and last two,
    /// `+33 6•• •• •• 60` (DESIGN.md §6: logs mask numbers).
    public var masked: String {
        let digits = Array(String(e164))
        let codeLength = String(countryCode).count
        let national = Array(digits[codeLength...])
        guard national.count > 3 else { return "+" + String(countryCode) + " " + String(repeating: "•", count: national.count) }
        var groups: [String] = []
        var end = national.count
        while end > 0 {
            let start = end - 2 >= 1 ? end - 2 : 0
            let size = end - start
            groups.insert(String(national[start..<end]), at: 0)
            end -= size
            if end == 1 {
                groups[0] = String(national[0]) + groups[0]
                end = 0
            }
        }
        for index in groups.indices {
            let isFirst = index == 0, isLast = index == groups.count - 1
            let group = Array(groups[index])
            groups[index] = String(group.enumerated().map { offset, digit in
                (isFirst && offset == 0) || isLast ? digit : "•"
            })
        }
        return "+" + String(countryCode) + " " + groups.joined(separator: " ")
    }
}
