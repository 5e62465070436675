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
    public var language = Language.fr
    public var dialect = CSVDialect.rfc4180
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
    public var campaigns: [String] = []
    public var messages = 0
    public var files: [String] = []
    public var seconds = 0.0

    public var dataProblem: String? { nil }

    public var line: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return campaigns.isEmpty
            ? "the store has no campaign yet: \(count(files.count, "file")) written"
            : "\(count(campaigns.count, "campaign")), \(count(messages, "message")): \(count(files.count, "file")) written"
    }
}

/// `texto-report`, CSV tables for now (the HTML pages and the XLSX
/// workbook of issue 11 come next): `campagnes.csv`, one line per
/// campaign with Hélium's card; per campaign, its card
/// (`<id>-synthese.csv`), every message with its outcome
/// (`<id>-messages.csv`, MONEY's history), its STOP and NPAI numbers with
/// the contact row to fix, and its replies.
public enum Report {
    public static func run(_ configuration: ReportConfiguration) throws -> ReportSummary {
        let stopwatch = Stopwatch()
        var summary = ReportSummary()
        let store = try TextoStore(path: configuration.store, create: false)
        let known = try store.campaignDescriptions()
        let ids = configuration.campaigns.isEmpty ? known.map(\.id) : configuration.campaigns
        if let unknown = ids.first(where: { id in !known.contains { $0.id == id } }) {
            throw ReportError(.unknownCampaign, at: DataLocation(option: "--campaign", file: unknown), "the store has no such campaign",
                              hint: known.isEmpty ? "The store has no campaign yet." : "Its campaigns: \(known.map(\.id).joined(separator: ", ")).")
        }
        do {
            try FileManager.default.createDirectory(atPath: configuration.out, withIntermediateDirectories: true)
        } catch {
            throw ReportError(.cannotMakeFolder, at: DataLocation(file: configuration.out), "the report folder cannot be made",
                              hint: "Check that its parent exists and that this user may write there.")
        }
        let labels = Labels(configuration.language)
        let pages = try ReportPages(language: configuration.language)
        var pageRows: [(id: String, name: String, created: String, page: String, statistics: CampaignStatistics)] = []
        var index: [[String]] = [labels.indexHeader]
        for id in ids {
            let campaign = known.first { $0.id == id }!
            let statistics = try writeCampaign(campaign, store: store, configuration: configuration, labels: labels, summary: &summary)
            let dialect = configuration.dialect
            index.append([ReportCSV.guarded(campaign.id), ReportCSV.guarded(campaign.name), campaign.createdAt,
                          String(statistics.recipients), String(statistics.delivered), dialect.percent(statistics.ratio(statistics.delivered)),
                          String(statistics.notDelivered), dialect.percent(statistics.ratio(statistics.notDelivered)),
                          String(statistics.failed), dialect.percent(statistics.ratio(statistics.failed)), String(statistics.stops)])
            summary.campaigns.append(id)
            summary.messages += statistics.recipients
            let page = campaign.id + ".html"
            let provisionalUntil = statistics.lastSend.flatMap(StoreTime.date).map { Int($0.timeIntervalSince1970) + configuration.pendingHours * 3_600 }
            try writePage(pages.campaign(campaign, statistics, provisionalUntil: provisionalUntil.flatMap { $0 > configuration.now ? $0 : nil }),
                          to: page, configuration: configuration, summary: &summary)
            pageRows.append((campaign.id, campaign.name, campaign.createdAt, page, statistics))
        }
        try write(index, to: labels.indexFile, configuration: configuration, summary: &summary)
        try writePage(pages.index(pageRows), to: "index.html", configuration: configuration, summary: &summary)
        summary.seconds = stopwatch.seconds
        return summary
    }

    /// One campaign's files; returns its statistics.
    private static func writeCampaign(_ campaign: CampaignDescription, store: TextoStore, configuration: ReportConfiguration,
                                      labels: Labels, summary: inout ReportSummary) throws -> CampaignStatistics {
        let dialect = configuration.dialect
        var statistics = CampaignStatistics(campaign: campaign.id)
        let messagesFile = campaign.id + labels.messagesSuffix
        let messages = try ReportCSV(path: (configuration.out as NSString).appendingPathComponent(messagesFile), dialect: dialect)
        try messages.record(labels.messagesHeader)
        try store.forEachMessage(ofCampaign: campaign.id) { message in
            statistics.add(message)
            try messages.record([message.phone, ReportCSV.guarded(message.contactName), ReportCSV.guarded(message.sourceFile),
                                 message.sourceRow.map(String.init) ?? "", message.scheduledAt, labels.state(message.state),
                                 message.state == "delivered" ? message.outcomeAt ?? "" : "",
                                 [message.status, message.errorCode].compactMap { $0 }.joined(separator: " ")])
        }
        try messages.commit()
        summary.files.append(messagesFile)
        (statistics.stops, statistics.otherReplies) = try store.repliers(toCampaign: campaign.id)

        func counted(_ label: String, _ count: Int) -> [String] { [label, String(count), dialect.percent(statistics.ratio(count))] }
        func measured(_ label: String, _ value: Int?) -> [String] { [label, value.map(String.init) ?? "", ""] }
        let card: [[String]] = [
            labels.cardHeader,
            counted(labels.recipients, statistics.recipients),
            counted(labels.delivered, statistics.delivered),
            counted(labels.notDelivered, statistics.notDelivered),
            counted(labels.failed, statistics.failed),
            counted(labels.stops, statistics.stops),
            counted(labels.pending, statistics.pending),
            measured(labels.otherReplies, statistics.otherReplies),
            measured(labels.units, statistics.units),
            measured(labels.latencyMedian, statistics.latency.median),
            measured(labels.latencyP90, statistics.latency.p90),
            measured(labels.latencyMaximum, statistics.latency.maximum),
        ]
        try write(card, to: campaign.id + labels.cardSuffix, configuration: configuration, summary: &summary)

        let replies = try store.replies(toCampaign: campaign.id)
        try write([labels.stopHeader] + replies.filter(\.isStop).map { [$0.phone, $0.receivedAt, ReportCSV.guarded($0.text)] },
                  to: campaign.id + "-stop.csv", configuration: configuration, summary: &summary)
        try write([labels.repliesHeader] + replies.map { [$0.phone, $0.receivedAt, ReportCSV.guarded($0.text), $0.isStop ? "STOP" : ""] },
                  to: campaign.id + labels.repliesSuffix, configuration: configuration, summary: &summary)
        try write([labels.npaiHeader] + (try store.npai(ofCampaign: campaign.id)).map {
            [$0.phone, ReportCSV.guarded($0.contactName), ReportCSV.guarded($0.sourceFile), $0.sourceRow.map(String.init) ?? "", $0.since,
             ReportCSV.guarded($0.source)]
        }, to: campaign.id + "-npai.csv", configuration: configuration, summary: &summary)
        return statistics
    }

    private static func writePage(_ html: String, to name: String, configuration: ReportConfiguration, summary: inout ReportSummary) throws {
        let file = try AtomicOutputFile(path: (configuration.out as NSString).appendingPathComponent(name))
        try file.write(html)
        try file.commit()
        summary.files.append(name)
    }

    private static func write(_ rows: [[String]], to name: String, configuration: ReportConfiguration, summary: inout ReportSummary) throws {
        let file = try ReportCSV(path: (configuration.out as NSString).appendingPathComponent(name), dialect: configuration.dialect)
        for row in rows { try file.record(row) }
        try file.commit()
        summary.files.append(name)
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

    public var category: ErrorCategory {
        switch self {
        case .unknownCampaign: return .usage
        case .cannotMakeFolder: return .cannotCreate
        case .missingTemplate: return .runtime
        }
    }
}
