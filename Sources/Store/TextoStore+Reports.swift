import Foundation
import GRDBSQLite
import TextoCore

/// One message of a campaign as the reports read it: its send, its
/// outcome and the report that decided it. Times are Unix seconds.
package struct ReportedMessage: Sendable, Equatable {
    package var phone = ""
    package var contactName: String?
    /// The contacts file and the row the number came from.
    package var sourceFile: String?
    package var sourceRow: Int?
    package var scheduledAt: Int
    package var segments: Int
    package var postalCode: String?
    /// `delivered`, `failed`, `expired`, `pending`, `unknown`; nil without any report.
    package var state: String?
    /// When it reached that state.
    package var outcomeAt: Int?
    package var errorCode: String?
    /// The status word of the report that decided the outcome (`UNDELIV`); not read for a delivered message.
    package var status: String?
}

extension TextoStore {
    /// Calls `body` with each message of `campaign` (test sends apart), one
    /// row at a time: a report of a million messages holds none of them.
    /// In send order (then the contacts file's order, then the id): the
    /// same on both backends, whatever order the rows were written in.
    ///
    /// Read through SQLite's C API with a 64 MiB page cache: the outcome
    /// of each message is a lookup by its (random) id, and with SQLite's
    /// default 2 MB cache most lookups were a `pread`. A report of
    /// 1,000,000 messages took 6.4 s and 124 MB with it; mapping the file
    /// (`mmap_size`) took 5.4 s but 769 MB, growing with the store. The
    /// events table is read only for a message that was not delivered
    /// (its status word).
    package func forEachMessage(ofCampaign campaign: String, _ body: (ReportedMessage) throws -> Void) throws {
        try read { db in
            if db.dialect == .sqlite { try db.execute("PRAGMA cache_size = -\(Self.reportCacheKiB)") }
            defer { if db.dialect == .sqlite { _ = try? db.execute("PRAGMA cache_size = -2000") } }
            let query = try db.prepare("""
                SELECT m.phone, m.contact_name, m.source_file, m.source_row, m.scheduled_at, m.segments, m.postal_code,
                       o.state, o.at, o.error_code,
                       CASE WHEN o.state <> 'delivered' THEN (SELECT e.status FROM events e WHERE e.id = o.event_id) END,
                       CASE WHEN o.state <> 'delivered' AND o.error_code IS NULL
                            THEN (SELECT e.error_code FROM events e WHERE e.id = o.event_id) END
                FROM messages m LEFT JOIN outcomes o ON o.message_id = m.id
                WHERE m.campaign_id = ? AND m.is_test = 0
                ORDER BY m.scheduled_at, m.source_file, m.source_row, m.id
                """)
            query.bind(1, campaign)
            // A contacts file name repeats on every row: one String for all.
            var sourceFile: String?
            try query.forEachRow { row in
                let file = row.bytes(2)
                if row.isNull(2) {
                    sourceFile = nil
                } else if !(sourceFile.map { Self.has($0, bytes: file) } ?? false) {
                    sourceFile = String(decoding: file, as: UTF8.self)
                }
                try body(ReportedMessage(
                    phone: row.text(0) ?? "", contactName: row.text(1), sourceFile: sourceFile,
                    sourceRow: row.isNull(3) ? nil : Int(row.integer(3)), scheduledAt: StoreTime.unixTime(row.bytes(4)) ?? 0,
                    segments: Int(row.integer(5)), postalCode: row.text(6), state: row.text(7),
                    outcomeAt: row.isNull(8) ? nil : StoreTime.unixTime(row.bytes(8)), errorCode: row.text(9) ?? row.text(11),
                    status: row.text(10)))
            }
        }
    }

    /// True when `text` is `bytes` in UTF-8.
    private static func has(_ text: String, bytes: UnsafeRawBufferPointer) -> Bool {
        var text = text
        return text.withUTF8 { $0.count == bytes.count && ($0.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0) }
    }

    /// The page cache of a report's read (KiB).
    static let reportCacheKiB = 1 << 16

    /// The numbers that replied to `campaign`: those who opted out, and the
    /// others. One pass over the campaign's replies, grouped by number (a
    /// correlated `NOT EXISTS` took 9 s for 11,617 replies: SQLite looked
    /// the STOP replies up through the campaign's index, not the number's).
    package func repliers(toCampaign campaign: String) throws -> (stops: Int, others: Int) {
        try read { db in
            let row = try db.first("""
                SELECT count(*) FILTER (WHERE stop = 1), count(*) FILTER (WHERE stop = 0)
                FROM (SELECT max(is_stop) AS stop FROM replies WHERE campaign_id = ? GROUP BY phone) AS numbers
                """, [campaign])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }
}

/// A reply to a campaign, as the reports list it, with the message it answers.
package struct ReportedReply: Sendable, Equatable {
    package var phone: String
    package var receivedAt: String
    package var text: String
    package var isStop: Bool
    /// The campaign's message to that number, when the ledger has it.
    package var contactName: String?
    package var sentAt: String?
    package var state: String?
}

/// A number of a campaign on the NPAI list, with where it came from.
package struct ReportedNPAI: Sendable, Equatable {
    package var phone: String
    package var contactName: String?
    package var sourceFile: String?
    package var sourceRow: Int?
    package var since: String
    package var source: String
}

extension TextoStore {
    /// The replies to `campaign`, by number then time, each with the
    /// campaign's message to that number (a conversation per number).
    ///
    /// The message is found by its number (`messages_by_phone`): with
    /// `m.campaign_id = r.campaign_id` as written, SQLite chose the
    /// campaign's index and scanned a million messages per reply (a
    /// report of 1,000,000 messages and 11,617 replies ran for minutes);
    /// `|| ''` keeps the test and leaves the index out, in SQLite as in
    /// PostgreSQL.
    package func replies(toCampaign campaign: String) throws -> [ReportedReply] {
        try read { db in
            try db.all("""
                SELECT r.phone, r.received_at, r.text, r.is_stop, m.contact_name, m.scheduled_at, o.state
                FROM replies r
                LEFT JOIN messages m ON m.phone = r.phone AND (m.campaign_id || '') = r.campaign_id AND m.is_test = 0
                LEFT JOIN outcomes o ON o.message_id = m.id
                WHERE r.campaign_id = ? ORDER BY r.phone, r.received_at, r.id
                """, [campaign]).map {
                ReportedReply(phone: $0[0], receivedAt: $0[1], text: $0[2], isStop: $0[3], contactName: $0[4], sentAt: $0[5], state: $0[6])
            }
        }
    }

    /// The numbers of `campaign` (test sends apart) on the NPAI list, by number.
    ///
    /// From the NPAI list to the messages by number: the list is short
    /// next to a campaign (`|| ''` keeps SQLite from going through the
    /// campaign's million messages instead: 1.4 s against 0.1).
    package func npai(ofCampaign campaign: String) throws -> [ReportedNPAI] {
        try read { db in
            try db.all("""
                SELECT s.phone, m.contact_name, m.source_file, m.source_row, s.since, s.source
                FROM suppressions s JOIN messages m ON m.phone = s.phone AND (m.campaign_id || '') = ? AND m.is_test = 0
                WHERE s.reason = 'NPAI' ORDER BY s.phone, m.source_file, m.source_row
                """, [campaign]).map {
                ReportedNPAI(phone: $0[0], contactName: $0[1], sourceFile: $0[2], sourceRow: $0[3], since: $0[4], source: $0[5])
            }
        }
    }
}

/// One message sent to a person, for their history across campaigns.
package struct ContactMessage: Sendable, Equatable {
    package var campaign: String
    package var campaignName: String
    package var phone: String
    package var contactName: String?
    package var sourceFile: String?
    package var sourceRow: Int?
    package var scheduledAt: String
    package var isTest: Bool
    package var state: String?
    package var outcomeAt: String?
    package var errorCode: String?
    /// The replies from that number to that campaign, in order.
    package var replies: [(receivedAt: String, text: String, isStop: Bool)]

    package static func == (lhs: ContactMessage, rhs: ContactMessage) -> Bool {
        lhs.campaign == rhs.campaign && lhs.phone == rhs.phone && lhs.scheduledAt == rhs.scheduledAt && lhs.isTest == rhs.isTest
            && lhs.state == rhs.state && lhs.outcomeAt == rhs.outcomeAt && lhs.replies.elementsEqual(rhs.replies) { $0 == $1 }
    }
}

/// Whom a contact history is for: one number, or the people whose name contains a text.
package enum ContactQuery: Sendable, Equatable {
    case phone(String)
    case name(String)
}

extension TextoStore {
    /// Every message the ledger holds for a person, oldest first, with
    /// its outcome and the replies to it. A name matches any contact name
    /// that contains it, folded as filters fold text (`TextFold`: `helene`
    /// finds `Hélène`), the same on every backend: the names are compared
    /// here, not by the database's `lower()`, which SQLite applies to ASCII
    /// only and PostgreSQL by the server's locale.
    package func history(of contact: ContactQuery) throws -> [ContactMessage] {
        try read { db in
            let conditions: [(sql: String, arguments: [String])]
            switch contact {
            case .phone(let phone):
                conditions = [("m.phone = ?", [phone])]
            case .name(let name):
                let needle = TextFold.fold(name)
                var names: [String] = [], folded: [UInt8] = []
                try db.forEachRow("SELECT DISTINCT contact_name FROM messages WHERE contact_name IS NOT NULL", []) { row in
                    let bytes = row.bytes(0).assumingMemoryBound(to: UInt8.self)
                    TextFold.fold(bytes, into: &folded)
                    if folded.firstRange(of: needle) != nil { names.append(String(decoding: bytes, as: UTF8.self)) }
                }
                names.sort()
                conditions = stride(from: 0, to: names.count, by: 500).map { start in
                    let chunk = Array(names[start..<min(start + 500, names.count)])
                    return ("m.contact_name IN (\(placeholders(chunk.count)))", chunk)
                }
            }
            var found: [(id: Int, message: ContactMessage)] = []
            for condition in conditions {
                found += try db.all("""
                    SELECT m.campaign_id, c.name, m.phone, m.contact_name, m.source_file, m.source_row, m.scheduled_at, m.is_test,
                           o.state, o.at, o.error_code, m.id
                    FROM messages m JOIN campaigns c ON c.id = m.campaign_id LEFT JOIN outcomes o ON o.message_id = m.id
                    WHERE \(condition.sql)
                    """, condition.arguments).map {
                    (id: $0[11], message: ContactMessage(campaign: $0[0], campaignName: $0[1], phone: $0[2], contactName: $0[3],
                                                         sourceFile: $0[4], sourceRow: $0[5], scheduledAt: $0[6], isTest: $0[7],
                                                         state: $0[8], outcomeAt: $0[9], errorCode: $0[10], replies: []))
                }
            }
            found.sort { ($0.message.scheduledAt, $0.message.campaign, $0.message.phone, $0.id)
                < ($1.message.scheduledAt, $1.message.campaign, $1.message.phone, $1.id) }
            var messages = found.map(\.message)
            for index in messages.indices where !messages[index].isTest {
                messages[index].replies = try db.all("""
                    SELECT received_at, text, is_stop FROM replies WHERE campaign_id = ? AND phone = ? ORDER BY received_at, id
                    """, [messages[index].campaign, messages[index].phone]).map {
                    (receivedAt: $0[0], text: $0[1], isStop: $0[2])
                }
            }
            return messages
        }
    }
}

/// A campaign as the reports describe it: how it was made, and when.
@dynamicMemberLookup
package struct CampaignDescription: Sendable, Equatable {
    package var campaign: CampaignRecord
    package var createdAt: String

    package subscript<Value>(dynamicMember path: KeyPath<CampaignRecord, Value>) -> Value { campaign[keyPath: path] }
}

extension TextoStore {
    /// Every campaign, oldest first (no count: the reports count in one pass of their own).
    package func campaignDescriptions() throws -> [CampaignDescription] {
        try read { db in
            try db.all("SELECT id, name, type, sender, category, template, created_at FROM campaigns ORDER BY created_at, id").map {
                let campaign = CampaignRecord(id: $0[0], name: $0[1], type: CampaignType(rawValue: $0[2]) ?? .marketing, sender: $0[3],
                                              category: $0[4], template: $0[5])
                return CampaignDescription(campaign: campaign, createdAt: $0[6])
            }
        }
    }
}
