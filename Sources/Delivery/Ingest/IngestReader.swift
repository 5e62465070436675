import Crypto
import Foundation
import Gateway
import Phones
import Store
import TextoCore

/// Reads the files of one ingest into the store's transaction.
struct IngestReader {
    let ledger: IngestTransaction
    let configuration: IngestConfiguration
    let parser: PhoneParser
    var summary: IngestSummary
    /// Numbers whose messages failed or expired in this run: the NPAI-after-N rule looks at them.
    private var undelivered: Set<String> = []

    init(ledger: IngestTransaction, configuration: IngestConfiguration, parser: PhoneParser, summary: IngestSummary) {
        self.ledger = ledger
        self.configuration = configuration
        self.parser = parser
        self.summary = summary
    }

    /// Reads one file: only what was not read before (a file read whole,
    /// or the new complete lines of a file that grew).
    mutating func read(_ path: String, format: IngestFormat) throws {
        let name = URL(fileURLWithPath: path).standardizedFileURL.path
        if format == .gammuInbox {
            try readGammu(path, name: name)
            return
        }
        let last = try ledger.lastIngest(of: name)
        var lines = try CompleteLines(path: path, resumeAt: last?.size ?? 0)
        if let last, lines.prefixSHA256 == last.sha256 { lines.start(at: last.size) } else { lines.start(at: 0) }
        summary.incompleteBytes += lines.leftOver
        guard lines.size > lines.start, try !ledger.wasIngested(sha256: lines.sha256) else {
            summary.skippedFiles.append((path as NSString).lastPathComponent + " (read before)")
            return
        }
        let file = try ledger.addFile(name: name, sha256: lines.sha256, size: lines.size, format: format.rawValue)
        summary.files += 1
        switch format {
        case .smpp: try readReceipts(lines)
        case .submitLog: try readSubmits(lines)
        case .repliesCSV: try readRepliesCSV(lines, header: CompleteLines.firstLine(of: path), file: file)
        case .providerCSV: try readProviderCSV(lines, header: CompleteLines.firstLine(of: path))
        case .kannel: try readKannel(lines)
        case .gammuInbox: break
        }
    }

    private mutating func readSubmits(_ lines: CompleteLines) throws {
        try BatchPipe<SubmitLine>.run(name: "texto-ingest", consume: { submit in
            guard let message = try submit.ours.key.map({ try ledger.message(key: $0) }) ?? ledger.message(id: submit.ours.text) else { return }
            if let key = submit.smsc.key { ledger.setProviderID(key, of: message) } else { ledger.setProviderID(submit.smsc.text, of: message) }
            summary.submitted += 1
        }, produce: { pipe in
            try lines.forEachLineBytes { line, _ in
                guard let submit = SubmitLogLine.fields(line) else { return }
                try pipe.send(SubmitLine(ours: IDText(line[submit.ours]), smsc: IDText(line[submit.smsc])))
            }
        })
    }

    /// A submit log's line, read off the store's thread.
    private struct SubmitLine {
        var ours: IDText
        var smsc: IDText
    }

    /// An id as a report writes it, normalized: its key, or its text when it has none.
    private struct IDText {
        var key: MessageKey?
        var text: String

        init(_ written: UnsafeRawBufferPointer.SubSequence) {
            let bytes = UnsafeRawBufferPointer(rebasing: written)
            key = MessageKey(normalizing: bytes)
            text = key == nil ? MessageID.normalized(String(decoding: bytes, as: UTF8.self)) : ""
        }
    }

    /// A report line (an SMPP receipt, a Kannel callback), read and parsed
    /// off the store's thread.
    private struct ReportLine {
        var number: Int
        var raw: String
        /// The id as written.
        var id: String
        var key: MessageKey?
        /// The word kept with the event, and the receipt's state when it has a known one.
        var status: String
        var stat: SMPPReceipt.Stat?
        /// A receipt whose `stat` word SMPP does not define.
        var unknownStat: Bool
        var outcome: ReceiptOutcome
        var error: String?
        var done: (unixTime: Int, text: String)?
    }

    private mutating func readReceipts(_ lines: CompleteLines) throws {
        try ledger.expectEvents(bytes: lines.size - lines.start)
        try BatchPipe<ReportLine>.run(name: "texto-ingest", consume: { try consume($0) }, produce: { pipe in
            var dates = ReceiptParser.DateCache()
            try lines.forEachLineBytes { line, number in
                guard let fields = ReceiptFields(line) else { return }
                let statWord = fields.statWord(in: line)
                let stat = SMPPReceipt.Stat(rawValue: statWord)
                let id = UnsafeRawBufferPointer(rebasing: line[fields.id])
                try pipe.send(ReportLine(number: number, raw: String(decoding: line, as: UTF8.self), id: String(decoding: id, as: UTF8.self),
                                         key: MessageKey(normalizing: id), status: statWord, stat: stat, unknownStat: stat == nil,
                                         outcome: ReceiptOutcome(stat), error: fields.error.map { String(decoding: line[$0], as: UTF8.self) },
                                         done: fields.doneDate.flatMap { dates.time(line[$0]) }))
            }
        })
    }

    private mutating func readKannel(_ lines: CompleteLines) throws {
        try ledger.expectEvents(bytes: lines.size - lines.start)
        try BatchPipe<ReportLine>.run(name: "texto-ingest", consume: { try consume($0) }, produce: { pipe in
            try lines.forEachLine { line, number in
                guard let report = KannelDLR.parse(line) else { return }
                let receipt = report.receipt
                try pipe.send(ReportLine(number: number, raw: String(line), id: report.id, key: MessageKey(normalizing: report.id),
                                         status: report.status, stat: receipt?.stat, unknownStat: receipt != nil && receipt?.stat == nil,
                                         outcome: report.outcome, error: receipt?.error,
                                         done: receipt?.doneDate.map { ($0, StoreTime.text(unixTime: $0)) }))
            }
        })
    }

    /// Records a report line: an event, and what it says of its message.
    private mutating func consume(_ line: ReportLine) throws {
        summary.reports += 1
        if line.unknownStat { summary.unknownStats[line.status, default: 0] += 1 }
        let message = try line.key.map { try match($0) } ?? match(line.id)
        guard let message else {
            summary.unmatched += 1
            _ = try ledger.addEvent(message: nil, providerID: line.id, status: line.status, errorCode: line.error,
                                    doneAt: line.done?.text, raw: line.raw, line: line.number)
            return
        }
        // An SMSC's refusal (Kannel's type 16) alone may be throttling: only a receipt's words make a number NPAI.
        let permanent = line.stat == .rejected || (line.stat == .undeliverable && configuration.permanentErrors.contains(line.error ?? ""))
        try record(Report(message: message, providerID: line.id, status: line.status, error: line.error, outcome: line.outcome,
                          permanent: permanent, doneAt: line.done),
                   raw: line.raw, line: line.number)
    }

    /// One report about one of our messages, whatever file it came from.
    struct Report {
        /// The message, as the ledger found it.
        var message: Int32
        var providerID: String?
        var status: String
        var error: String?
        var outcome: ReceiptOutcome
        var permanent: Bool
        /// The done date, Unix time and as stored.
        var doneAt: (unixTime: Int, text: String)?
    }

    /// Keeps the report as an event; makes it the message's outcome when it
    /// stands over the one recorded; a permanent failure makes the number NPAI.
    private mutating func record(_ report: Report, raw: String, line: Int) throws {
        let message = report.message
        summary.matched += 1
        if ledger.isDuplicate(message: message, status: report.status, doneAt: report.doneAt?.unixTime) { summary.duplicates += 1 }
        let event = try ledger.addEvent(message: message, providerID: report.providerID, status: report.status,
                                        errorCode: report.error, doneAt: report.doneAt?.text, raw: raw, line: line)
        let recorded = ledger.outcome(of: message).flatMap(ReceiptOutcome.init(rawValue:))
        guard recorded.map({ report.outcome > $0 }) ?? true else { return }
        try ledger.setOutcome(of: message, state: report.outcome.rawValue, at: report.doneAt?.text ?? ledger.now, event: event,
                          errorCode: report.error, permanent: report.permanent)
        if let recorded {
            summary.outcomes[recorded.rawValue, default: 0] -= 1
            if summary.outcomes[recorded.rawValue] == 0 { summary.outcomes[recorded.rawValue] = nil }
        }
        summary.outcomes[report.outcome.rawValue, default: 0] += 1
        let phone = ledger.phone(message)
        if report.outcome == .failed || report.outcome == .expired { undelivered.insert(phone) }
        if report.permanent {
            try ledger.suppressNPAI(phone, since: report.doneAt?.text ?? ledger.now,
                                    source: "texto-ingest: \(report.status)" + (report.error.map { " err:\($0)" } ?? ""),
                                    comment: "message \(ledger.messageID(message))")
        }
    }

    /// A provider's export: each row matched by our id when it has a
    /// reference column, else by the number (its latest message sent before
    /// the row's send date).
    private mutating func readProviderCSV(_ lines: CompleteLines, header: String) throws {
        try ledger.expectEvents(bytes: lines.size - lines.start)
        guard let columns = ProviderCSV.columns(header) else { return }
        try lines.forEachLine { line, number in
            guard !line.isEmpty, number > 1 else { return }
            let fields = RepliesCSV.splitLine(String(line), separator: columns.separator)
            func field(_ index: Int?) -> String? {
                index.flatMap { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : nil }.flatMap { $0.isEmpty ? nil : $0 }
            }
            summary.reports += 1
            guard let status = field(columns.status), let (outcome, permanent) = ProviderCSV.outcome(status) else {
                summary.unknownStats[field(columns.status) ?? "", default: 0] += 1
                summary.unmatched += 1
                return
            }
            let done = field(columns.done).flatMap(ProviderCSV.date).map { ($0, StoreTime.text(unixTime: $0)) }
            var message = try field(columns.id).flatMap { try match($0) }
            var phone: String?
            if let phoneText = field(columns.phone), case .number(let number) = parser.parse(phoneText) { phone = number.e164String }
            if message == nil, let phone {
                // A message sent a little after the time the export shows still counts (clocks differ).
                let sent = field(columns.sent).flatMap(ProviderCSV.date).map { StoreTime.text(unixTime: $0 + 3_600) }
                message = try ledger.latestMessage(to: phone, before: sent)
            }
            guard let message else {
                summary.unmatched += 1
                _ = try ledger.addEvent(message: nil, phone: phone, providerID: field(columns.id), status: OptOutWords.fold(status),
                                        errorCode: nil, doneAt: done?.1, raw: String(line), line: number)
                return
            }
            try record(Report(message: message, providerID: field(columns.id), status: OptOutWords.fold(status), error: nil,
                              outcome: outcome, permanent: permanent, doneAt: done),
                       raw: String(line), line: number)
        }
    }

    /// Messages whose final report has not come within the pending hours: expired.
    mutating func expireOverdue() throws {
        let deadline = StoreTime.text(unixTime: configuration.now - configuration.pendingHours * 3_600)
        for message in try ledger.overdue(sentBefore: deadline) {
            try ledger.expire(message.id, at: ledger.now)
            summary.overdue += 1
            summary.outcomes["expired", default: 0] += 1
            undelivered.insert(message.phone)
        }
    }

    /// A number whose last `npaiAfter` messages all failed or expired joins the NPAI list.
    mutating func applyNPAIAfter() throws {
        let count = configuration.npaiAfter
        guard count > 0 else { return }
        summary.newNPAI += try ledger.suppressUndelivered(undelivered, count: count, since: ledger.now,
                                                         source: "texto-ingest: no delivery in the last \(count) campaigns")
    }

    /// Our message a receipt's id designates: ours, or the SMSC's (from a
    /// submit log), in any case, with or without leading zeros, and the
    /// SMSC's written in decimal where the submit log has it in hex or the
    /// other way round.
    private func match(_ key: MessageKey) throws -> Int32? {
        if let message = try ledger.message(key: key) { return message }
        return try matchInOtherBase(key.text)
    }

    private func match(_ written: String) throws -> Int32? {
        let key = MessageID.normalized(written)
        if let message = try ledger.message(id: key) { return message }
        return try matchInOtherBase(key)
    }

    private func matchInOtherBase(_ key: String) throws -> Int32? {
        if key.allSatisfy(\.isNumber), let value = UInt64(key) {
            return try ledger.message(id: String(value, radix: 16, uppercase: true))
        }
        if key.allSatisfy(\.isHexDigit), let value = UInt64(key, radix: 16) {
            return try ledger.message(id: String(value))
        }
        return nil
    }

    /// `header`: the file's first line (also when only lines added since are read).
    private mutating func readRepliesCSV(_ lines: CompleteLines, header: String, file: Int64) throws {
        guard let columns = RepliesCSV.columns(header) else { return }
        try lines.forEachLine { line, number in
            guard !line.isEmpty, number > 1 else { return }
            let fields = RepliesCSV.splitLine(String(line), separator: columns.separator)
            guard fields.count > max(columns.phone, columns.time, columns.text),
                  let time = (try? SendStart(parsing: fields[columns.time]))?.unixTime else {
                summary.unreadableReplies += 1
                return
            }
            try reply(from: fields[columns.phone], text: fields[columns.text], at: time, file: file, line: number)
        }
    }

    /// The file's first line, without its line end.
    static func firstLine(of data: Data) -> String {
        let line = String(decoding: data.prefix { $0 != 0x0A }, as: UTF8.self)
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    private mutating func readGammu(_ path: String, name: String) throws {
        let fileName = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path), let inbox = GammuInboxFile(name: fileName, bytes: Array(data)) else { return }
        // Inbox files are small and alike ("STOP"): their name is part of what identifies them.
        let sha256 = SHA256.hash(data: Data(fileName.utf8) + Data([0]) + data).hex
        guard try ledger.lastIngest(of: name) == nil, try !ledger.wasIngested(sha256: sha256) else {
            summary.skippedFiles.append(fileName + " (read before)")
            return
        }
        let file = try ledger.addFile(name: name, sha256: sha256, size: data.count, format: IngestFormat.gammuInbox.rawValue)
        summary.files += 1
        try reply(from: inbox.sender, text: inbox.text, at: inbox.receivedAt, file: file, line: 1)
    }

    /// Records a reply from `sender`; an opt-out puts the number on the STOP
    /// list, attributed to the latest campaign sent to it before the reply.
    private mutating func reply(from sender: String, text: String, at time: Int, file: Int64, line: Int) throws {
        guard case .number(let number) = parser.parse(sender) else {
            summary.unreadableReplies += 1
            return
        }
        let phone = number.e164String
        let receivedAt = StoreTime.text(unixTime: time)
        let campaign = try ledger.latestCampaign(to: phone, before: receivedAt)
        let isStop = configuration.optOutWords.isOptOut(text)
        guard try ledger.addReply(phone: phone, text: text, receivedAt: receivedAt, campaign: campaign?.id, isStop: isStop,
                                  file: file, line: line) else { return }
        summary.replies += 1
        // An opt-out covers what the campaign it answers is (all marketing, or its category); one that answers none, everything.
        if isStop, try ledger.suppress(phone, reason: .stop, scope: campaign?.scope ?? .all, since: receivedAt,
                                       source: "texto-ingest: reply \"\(text)\"" + (campaign.map { " to campaign \($0.id)" } ?? ""),
                                       comment: nil) {
            summary.newStops += 1
        }
    }
}
