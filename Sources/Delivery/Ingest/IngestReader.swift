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
        case .smpp: try readReceipts(lines, file: file)
        case .submitLog: try readSubmits(lines)
        case .repliesCSV: try readRepliesCSV(lines, header: CompleteLines.firstLine(of: path), file: file)
        case .providerCSV: try readProviderCSV(lines, header: CompleteLines.firstLine(of: path), file: file)
        case .kannel: try readKannel(lines, file: file)
        case .gammuInbox: break
        }
    }

    private mutating func readSubmits(_ lines: CompleteLines) throws {
        try lines.forEachLine { line, _ in
            guard let submit = SubmitLogLine.parse(line) else { return }
            if try ledger.setProviderID(MessageID.normalized(submit.smsc), of: MessageID.normalized(submit.ours)) { summary.submitted += 1 }
        }
    }

    private mutating func readReceipts(_ lines: CompleteLines, file: Int64) throws {
        try lines.forEachLine { line, number in
            guard let receipt = ReceiptParser.parse(line) else { return }
            summary.reports += 1
            if receipt.stat == nil { summary.unknownStats[receipt.statWord, default: 0] += 1 }
            let message = try match(receipt.id)
            let doneAt = receipt.doneDate.map { StoreTime.text(unixTime: $0) }
            guard let message else {
                summary.unmatched += 1
                _ = try ledger.addEvent(messageID: nil, providerID: receipt.id, phone: nil, status: receipt.statWord,
                                        errorCode: receipt.error, doneAt: doneAt, raw: String(line), file: file, line: number)
                return
            }
            let permanent = receipt.stat == .rejected || (receipt.stat == .undeliverable && configuration.permanentErrors.contains(receipt.error ?? ""))
            try record(Report(message: message, providerID: receipt.id, status: receipt.statWord, error: receipt.error,
                              outcome: receipt.outcome, permanent: permanent, doneAt: doneAt, raw: String(line)),
                       file: file, line: number)
        }
    }

    private mutating func readKannel(_ lines: CompleteLines, file: Int64) throws {
        try lines.forEachLine { line, number in
            guard let report = KannelDLR.parse(line) else { return }
            summary.reports += 1
            if let receipt = report.receipt, receipt.stat == nil { summary.unknownStats[receipt.statWord, default: 0] += 1 }
            let doneAt = report.receipt?.doneDate.map { StoreTime.text(unixTime: $0) }
            guard let message = try match(report.id) else {
                summary.unmatched += 1
                _ = try ledger.addEvent(messageID: nil, providerID: report.id, phone: nil, status: report.status,
                                        errorCode: report.receipt?.error, doneAt: doneAt, raw: String(line), file: file,
                                        line: number)
                return
            }
            let stat = report.receipt?.stat
            // An SMSC's refusal (type 16) alone may be throttling: only the receipt's words make a number NPAI.
            let permanent = stat == .rejected || (stat == .undeliverable && configuration.permanentErrors.contains(report.receipt?.error ?? ""))
            try record(Report(message: message, providerID: report.id, status: report.status, error: report.receipt?.error,
                              outcome: report.outcome, permanent: permanent, doneAt: doneAt, raw: String(line)),
                       file: file, line: number)
        }
    }

    /// One report about one of our messages, whatever file it came from.
    struct Report {
        var message: (id: String, phone: String)
        var providerID: String?
        var status: String
        var error: String?
        var outcome: ReceiptOutcome
        var permanent: Bool
        var doneAt: String?
        var raw: String
    }

    /// Keeps the report as an event; makes it the message's outcome when it
    /// stands over the one recorded; a permanent failure makes the number NPAI.
    private mutating func record(_ report: Report, file: Int64, line: Int) throws {
        let message = report.message
        summary.matched += 1
        if try ledger.hasEvent(message: message.id, status: report.status, doneAt: report.doneAt) { summary.duplicates += 1 }
        let event = try ledger.addEvent(messageID: message.id, providerID: report.providerID, phone: message.phone, status: report.status,
                                        errorCode: report.error, doneAt: report.doneAt, raw: report.raw, file: file, line: line)
        let recorded = try ledger.outcome(of: message.id).flatMap(ReceiptOutcome.init(rawValue:))
        guard recorded.map({ report.outcome > $0 }) ?? true else { return }
        try ledger.setOutcome(of: message.id, state: report.outcome.rawValue, at: report.doneAt ?? ledger.now, event: event,
                              errorCode: report.error, permanent: report.permanent)
        if let recorded {
            summary.outcomes[recorded.rawValue, default: 0] -= 1
            if summary.outcomes[recorded.rawValue] == 0 { summary.outcomes[recorded.rawValue] = nil }
        }
        summary.outcomes[report.outcome.rawValue, default: 0] += 1
        if report.outcome == .failed || report.outcome == .expired { undelivered.insert(message.phone) }
        if report.permanent, try ledger.suppress(message.phone, reason: .npai, since: report.doneAt ?? ledger.now,
                                                 source: "texto-ingest: \(report.status)" + (report.error.map { " err:\($0)" } ?? ""),
                                                 comment: "message \(message.id)") {
            summary.newNPAI += 1
        }
    }

    /// A provider's export: each row matched by our id when it has a
    /// reference column, else by the number (its latest message sent before
    /// the row's send date).
    private mutating func readProviderCSV(_ lines: CompleteLines, header: String, file: Int64) throws {
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
            let time = { (index: Int?) in field(index).flatMap(ProviderCSV.date).map { StoreTime.text(unixTime: $0) } }
            var message = try field(columns.id).flatMap { try match($0) }
            if message == nil, let phoneText = field(columns.phone), case .number(let number) = parser.parse(phoneText) {
                // A message sent a little after the time the export shows still counts (clocks differ).
                let sent = field(columns.sent).flatMap(ProviderCSV.date).map { StoreTime.text(unixTime: $0 + 3_600) }
                message = try ledger.latestMessage(to: number.e164String, before: sent)
            }
            guard let message else {
                summary.unmatched += 1
                _ = try ledger.addEvent(messageID: nil, providerID: field(columns.id), phone: nil, status: OptOutWords.fold(status),
                                        errorCode: nil, doneAt: time(columns.done), raw: String(line), file: file, line: number)
                return
            }
            try record(Report(message: message, providerID: field(columns.id), status: OptOutWords.fold(status), error: nil,
                              outcome: outcome, permanent: permanent, doneAt: time(columns.done), raw: String(line)),
                       file: file, line: number)
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
        for phone in undelivered.sorted() {
            let states = try ledger.lastOutcomes(of: phone, count: count)
            guard states.count == count, states.allSatisfy({ $0 == "failed" || $0 == "expired" }) else { continue }
            if try ledger.suppress(phone, reason: .npai, since: ledger.now,
                                   source: "texto-ingest: no delivery in the last \(count) campaigns", comment: nil) {
                summary.newNPAI += 1
            }
        }
    }

    /// Our message a receipt's id designates: ours, or the SMSC's (from a
    /// submit log), in any case, with or without leading zeros, and the
    /// SMSC's written in decimal where the submit log has it in hex or the
    /// other way round.
    private func match(_ written: String) throws -> (id: String, phone: String)? {
        let key = MessageID.normalized(written)
        if let message = try ledger.message(id: key) { return message }
        if let message = try ledger.message(providerID: key) { return message }
        if key.allSatisfy(\.isNumber), let value = UInt64(key) {
            return try ledger.message(providerID: String(value, radix: 16, uppercase: true))
        }
        if key.allSatisfy(\.isHexDigit), let value = UInt64(key, radix: 16) {
            return try ledger.message(providerID: String(value))
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
        guard try ledger.addReply(phone: phone, text: text, receivedAt: receivedAt, campaign: campaign, isStop: isStop,
                                  file: file, line: line) else { return }
        summary.replies += 1
        if isStop, try ledger.suppress(phone, reason: .stop, since: receivedAt,
                                       source: "texto-ingest: reply \"\(text)\"" + (campaign.map { " to campaign \($0)" } ?? ""),
                                       comment: nil) {
            summary.newStops += 1
        }
    }
}
