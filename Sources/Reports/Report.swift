import Foundation
import Store
import Tables
import TextoCore

/// What `texto-report` is asked to write.
public struct ReportConfiguration: Sendable {
    public var store: String
    /// The folder the files go into (created if missing).
    public var out: String
    /// The campaigns to report on; empty: all of them.
    public var campaigns: [String] = []
    /// A person whose history to write instead: a number, or part of a name.
    public var contact: String?
    /// The region of a `contact` number written without its country code.
    public var country = "FR"
    public var language = Language.fr
    public var dialect = CSVDialect.rfc4180
    /// The price of one SMS unit in euros, for the estimated cost; nil: no cost.
    public var unitPrice: UnitPrice?
    /// Now, in Unix seconds, and the hours after the last send during which
    /// reports may still come (`--pending-hours`): a campaign is
    /// provisional until then.
    public var now = Int(Date().timeIntervalSince1970)
    public var pendingHours = 48

    public init(store: String, out: String) {
        self.store = store
        self.out = out
    }
}

/// What a report wrote: its line and `--summary FILE.json`.
public struct ReportSummary: StageSummary, Codable, Equatable {
    /// The campaigns reported; with `--contact`, those in the person's history.
    public var campaigns: [String] = []
    public var messages = 0
    /// `--contact`, when the report is one person's history.
    public var contact: String?
    public var files: [String] = []
    public var seconds = 0.0

    public var dataProblem: String? { nil }

    public var line: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        if let contact {
            let found = messages == 0 ? "no message" : "\(count(messages, "message")) in \(count(campaigns.count, "campaign"))"
            return "history of \"\(contact)\": \(found): \(count(files.count, "file")) written"
        }
        return campaigns.isEmpty
            ? "the store has no campaign yet: \(count(files.count, "file")) written"
            : "\(count(campaigns.count, "campaign")), \(count(messages, "message")): \(count(files.count, "file")) written"
    }
}

/// `texto-report`: per campaign, a page (`<id>.html`), a workbook
/// (`<id>.xlsx`: Synthèse, Messages, STOP, NPAI, Réponses) and the same
/// tables as CSV; across campaigns, `index.html` and `campagnes.csv`. Or,
/// with a contact, that person's history across campaigns.
public enum Report {
    public static func run(_ configuration: ReportConfiguration) throws -> ReportSummary {
        let stopwatch = Stopwatch()
        let store = try TextoStore(path: configuration.store, create: false)
        let known = try store.campaignDescriptions()
        let ids = configuration.campaigns.isEmpty ? known.map(\.id) : configuration.campaigns
        if let unknown = ids.first(where: { id in !known.contains { $0.id == id } }) {
            throw ReportError(.unknownCampaign, at: DataLocation(option: "--campaign", file: unknown), "the store has no such campaign",
                              hint: known.isEmpty ? "The store has no campaign yet." : "Its campaigns: \(known.map(\.id).joined(separator: ", ")).")
        }
        // Read before the folder is made: a contact that is no one writes nothing.
        let query = try configuration.contact.map { try ContactQuery($0, country: configuration.country) }
        let folder = try ReportFolder(configuration)
        let pages = try ReportPages(language: configuration.language)
        if let contact = configuration.contact, let query {
            try ContactReport.write(contact, query: query, store: store, folder: folder, pages: pages)
            var summary = folder.summary(seconds: stopwatch.seconds)
            summary.contact = contact
            return summary
        }
        var index: [(campaign: CampaignDescription, page: String, statistics: CampaignStatistics)] = []
        for id in ids {
            let campaign = known.first { $0.id == id }!
            let statistics = try writeTables(of: campaign, store: store, folder: folder)
            folder.campaigns.append(id)
            folder.messages += statistics.recipients
            let page = campaign.id + ".html"
            let provisionalUntil = statistics.lastSend.map { $0 + configuration.pendingHours * 3_600 }.flatMap { $0 > configuration.now ? $0 : nil }
            try folder.write(page: pages.campaign(campaign, statistics, provisionalUntil: provisionalUntil, unitPrice: configuration.unitPrice,
                                                  runs: try store.runs(ofCampaign: id)),
                             to: page)
            index.append((campaign, page, statistics))
        }
        try writeIndex(index, folder: folder)
        try folder.write(page: pages.index(index), to: "index.html")
        return folder.summary(seconds: stopwatch.seconds)
    }

    /// One campaign's workbook and CSV tables; returns its statistics.
    private static func writeTables(of campaign: CampaignDescription, store: TextoStore, folder: ReportFolder) throws -> CampaignStatistics {
        let labels = folder.labels
        let replies = try store.replies(toCampaign: campaign.id)
        var replied: [String: Bool] = [:]
        for reply in replies { replied[reply.phone] = (replied[reply.phone] ?? false) || reply.isStop }
        let workbookName = campaign.id + ".xlsx"
        let workbook = try XLSXWriter(path: folder.path(workbookName), dateFormat: labels.dateFormat)
        var clock = ParisClock()

        var statistics = CampaignStatistics(campaign: campaign.id)
        let messages = try ReportTable(csv: campaign.id + "-messages.csv", sheet: labels.messagesSheet, of: workbook, in: folder,
                                       header: labels.messagesHeader, widths: [15, 24, 20, 10, 19, 14, 19, 14, 10])
        let delivered = labels.state("delivered")
        try BatchPipe<ReportedMessage>.run(name: "texto-report.messages", consume: { message in
            statistics.add(message)
            let isDelivered = message.state == "delivered"
            try messages.row([
                .uniqueText(message.phone), .person(message.contactName), .sharedPerson(message.sourceFile),
                message.sourceRow.map(XLSXCell.integer) ?? .empty, .dateTime(clock.wallSeconds(message.scheduledAt)),
                .text(isDelivered ? delivered : labels.state(message.state)),
                isDelivered ? message.outcomeAt.map { .dateTime(clock.wallSeconds($0)) } ?? .empty : .empty,
                isDelivered || (message.status == nil && message.errorCode == nil)
                    ? .empty : .text([message.status, message.errorCode].compactMap { $0 }.joined(separator: " ")),
                replied[message.phone].map { .text(labels.reply(isStop: $0)) } ?? .empty,
            ])
        }, produce: { pipe in
            try store.forEachMessage(ofCampaign: campaign.id) { try pipe.send($0) }
        })
        try messages.commit()
        (statistics.stops, statistics.otherReplies) = try store.repliers(toCampaign: campaign.id)

        let card = try ReportTable(csv: campaign.id + labels.cardSuffix, sheet: labels.summarySheet, of: workbook, in: folder,
                                   header: labels.cardHeader, widths: [36, 14, 10], tab: 0)
        for row in summaryRows(statistics, labels: labels, unitPrice: folder.configuration.unitPrice) { try card.row(row) }
        try card.commit()

        let stops = try ReportTable(csv: campaign.id + "-stop.csv", sheet: labels.stopSheet, of: workbook, in: folder,
                                    header: labels.stopHeader, widths: [15, 24, 19, 30])
        for reply in replies where reply.isStop {
            try stops.row([.uniqueText(reply.phone), .person(reply.contactName), clock.cell(stored: reply.receivedAt), .person(reply.text)])
        }
        try stops.commit()

        let npai = try ReportTable(csv: campaign.id + "-npai.csv", sheet: labels.npaiSheet, of: workbook, in: folder,
                                   header: labels.npaiHeader, widths: [15, 24, 20, 10, 19, 30])
        for number in try store.npai(ofCampaign: campaign.id) {
            try npai.row([.uniqueText(number.phone), .person(number.contactName), .sharedPerson(number.sourceFile),
                          number.sourceRow.map(XLSXCell.integer) ?? .empty, clock.cell(stored: number.since), .person(number.source)])
        }
        try npai.commit()

        let conversations = try ReportTable(csv: campaign.id + labels.repliesSuffix, sheet: labels.repliesSheet, of: workbook, in: folder,
                                            header: labels.repliesHeader, widths: [15, 24, 19, 10, 40, 14])
        var previous: String?
        for reply in replies {
            if reply.phone != previous, let sentAt = reply.sentAt {
                try conversations.row([.uniqueText(reply.phone), .person(reply.contactName), clock.cell(stored: sentAt), .text(labels.sent),
                                       .text(labels.campaignMessage), .text(labels.state(reply.state))])
            }
            previous = reply.phone
            try conversations.row([.uniqueText(reply.phone), .person(reply.contactName), clock.cell(stored: reply.receivedAt),
                                   .text(labels.received), .person(reply.text), .text(labels.reply(isStop: reply.isStop))])
        }
        try conversations.commit()
        try workbook.commit()
        folder.files.append(workbookName)
        return statistics
    }

    /// The card as the Synthèse sheet has it: each count with its ratio of the recipients.
    private static func summaryRows(_ statistics: CampaignStatistics, labels: Labels, unitPrice: UnitPrice?) -> [[XLSXCell]] {
        func counted(_ label: String, _ count: Int) -> [XLSXCell] { [.text(label), .integer(count), .percent(statistics.ratio(count))] }
        func measured(_ label: String, _ value: Int?) -> [XLSXCell] { [.text(label), value.map(XLSXCell.integer) ?? .empty, .empty] }
        var rows = [
            counted(labels.recipients, statistics.recipients),
            counted(labels.delivered, statistics.delivered),
            counted(labels.notDelivered, statistics.notDelivered),
            counted(labels.failed, statistics.failed),
            counted(labels.stops, statistics.stops),
            counted(labels.pending, statistics.pending),
            measured(labels.otherReplies, statistics.otherReplies),
            measured(labels.units, statistics.units),
        ]
        if let unitPrice { rows.append([.text(labels.cost), .number(statistics.cost(unitPrice: unitPrice)), .empty]) }
        rows += [
            measured(labels.latencyMedian, statistics.latency.median),
            measured(labels.latencyP90, statistics.latency.p90),
            measured(labels.latencyMaximum, statistics.latency.maximum),
        ]
        return rows
    }

    /// `campagnes.csv`: one line per campaign with its card.
    private static func writeIndex(_ index: [(campaign: CampaignDescription, page: String, statistics: CampaignStatistics)],
                                   folder: ReportFolder) throws {
        let table = try ReportTable(csv: folder.labels.indexFile, in: folder, header: folder.labels.indexHeader)
        var clock = ParisClock()
        for (campaign, _, statistics) in index {
            try table.row([.uniqueText(campaign.id), .person(campaign.name), clock.cell(stored: campaign.createdAt),
                           .integer(statistics.recipients), .integer(statistics.delivered), .percent(statistics.ratio(statistics.delivered)),
                           .integer(statistics.notDelivered), .percent(statistics.ratio(statistics.notDelivered)),
                           .integer(statistics.failed), .percent(statistics.ratio(statistics.failed)), .integer(statistics.stops)])
        }
        try table.commit()
    }
}

/// Why a report cannot be written.
public typealias ReportError = Failure<ReportErrorCode>

public enum ReportErrorCode: String, ErrorCode {
    /// `--campaign` names a campaign the store does not have.
    case unknownCampaign
    /// `--out` cannot be made.
    case cannotMakeFolder
    /// A page template is not where Texto was installed.
    case missingTemplate
    /// `--contact` is empty: neither a number nor part of a name.
    case emptyContact

    public var category: ErrorCategory {
        switch self {
        case .unknownCampaign, .emptyContact: return .usage
        case .cannotMakeFolder: return .cannotCreate
        case .missingTemplate: return .runtime
        }
    }
}
