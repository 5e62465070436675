import Crypto
import Foundation
import Mustache
import Store
import TextoCore

/// The report's HTML pages, from the templates kept as files in
/// `Templates/` (Mustache: no logic in them, every value HTML-escaped).
/// The numbers are formatted here, in the report's language; the charts
/// are inline SVG whose shapes are computed here, with the numbers beside
/// them in tables: a page needs no network and no script to be read.
struct ReportPages {
    private let library: MustacheLibrary
    private let language: Language

    init(language: Language) throws {
        self.language = language
        self.library = try TemplateLibrary.shared()
    }

    private func say(_ french: String, _ english: String) -> String { language == .fr ? french : english }

    private var words: [String: String] {
        [
            "report": say("rapport", "report"), "allCampaigns": say("← Toutes les campagnes", "← All campaigns"),
            "sender": say("expéditeur", "sender"), "created": say("créée le", "created"), "createdColumn": say("Créée le", "Created"),
            "outcomes": say("Résultats", "Outcomes"),
            "outcome": say("Résultat", "Outcome"), "messages": say("Messages", "Messages"),
            "latency": say("Délai de réception", "Delivery time"), "median": say("médiane", "median"), "p90": "90 %",
            "maximum": say("maximum", "longest"), "within": say("Reçus en moins de", "Delivered within"),
            "failures": say("Échecs par statut et code", "Failures by status and code"), "status": say("Statut", "Status"),
            "departements": say("Par département", "By département"), "departement": say("Département", "Département"),
            "recipients": say("Destinataires", "Recipients"), "delivered": say("Délivrés", "Delivered"),
            "notDelivered": say("Non délivrés", "Not delivered"), "failed": say("Échecs", "Failed"),
            "title": say("Campagnes SMS", "SMS campaigns"), "category": say("catégorie", "category"),
            "template": say("Modèle du message", "Message template"),
            "provisional": say("Statistiques provisoires : des rapports peuvent encore arriver jusqu'au",
                               "Provisional statistics: reports may still come until"), "nothingYet": say("Aucune campagne pour l'instant.", "No campaign yet."),
            "trend": say("Taux de délivrance, campagne après campagne", "Delivery rate, campaign after campaign"),
            "campaign": say("Campagne", "Campaign"),
            "perHour": say("Délivrances par heure (heure de Paris)", "Deliveries per hour (Paris time)"),
            "hour": say("Heure", "Hour"), "units": say("SMS facturés", "SMS units"), "cost": say("coût estimé", "estimated cost"),
            "replies": say("Réponses", "Replies"), "otherReplies": say("autres réponses", "other replies"),
            "templateHash": say("empreinte SHA-256", "SHA-256"), "history": say("Historique des SMS", "SMS history"),
            "sent": say("Envoyé le", "Sent"), "received": say("Reçu le", "Received"), "error": say("Erreur", "Error"),
            "nothingFound": say("Aucun SMS envoyé à ce contact.", "No SMS was sent to this contact."),
            "test": say("envoi de test", "test send"), "name": say("Nom", "Name"), "phone": say("Téléphone", "Phone"),
            "selection": say("Comment la campagne a été faite", "How the campaign was made"), "run": say("exécution du", "run of"),
            "filter": say("Filtre", "Filter"), "rowsRead": say("Contacts lus", "Contacts read"), "audience": say("Audience", "Audience"),
            "excluded": say("Exclus", "Left out"), "noFilter": say("aucun", "none"),
        ]
    }

    /// A campaign's page.
    /// - Parameter provisionalUntil: when reports may still come (Unix
    ///   time), for a campaign whose statistics are not final yet.
    func campaign(_ campaign: CampaignDescription, _ statistics: CampaignStatistics, provisionalUntil: Int?, unitPrice: UnitPrice?,
                  runs: [CampaignRun] = []) -> String {
        let number = { (value: Int) in language.count(value) }
        let ratio = { (value: Int) in language.percent(statistics.ratio(value)) }
        let card: [[String: String]] = [
            (say("Destinataires", "Recipients"), statistics.recipients), (say("Délivrés", "Delivered"), statistics.delivered),
            (say("Non délivrés", "Not delivered"), statistics.notDelivered), (say("Échecs", "Failed"), statistics.failed),
            ("STOP SMS", statistics.stops),
        ].map { ["label": $0.0, "value": number($0.1), "ratio": ratio($0.1)] }
        var x = 0.0
        var bars: [[String: String]] = []
        for (kind, label, count) in [("delivered", say("Délivrés", "Delivered"), statistics.delivered),
                                     ("notdelivered", say("Non délivrés", "Not delivered"), statistics.notDelivered),
                                     ("failed", say("Échecs", "Failed"), statistics.failed)] {
            let width = 400 * statistics.ratio(count)
            bars.append(["kind": kind, "label": label, "count": number(count), "ratio": ratio(count), "x": svg(x), "width": svg(width)])
            x += width
        }
        let buckets = statistics.latency.histogram
        let tallest = max(1, buckets.map(\.count).max() ?? 1)
        let histogram: [[String: String]] = buckets.enumerated().map { index, bucket in
            let height = 100 * Double(bucket.count) / Double(tallest)
            return ["label": bucket.upTo.map(duration) ?? say("plus", "more"), "count": number(bucket.count),
                    "x": svg(Double(index) * 44 + 2), "labelX": svg(Double(index) * 44 + 21), "y": svg(104 - height), "height": svg(height)]
        }
        let failures = statistics.failures.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ["label": $0.key, "count": number($0.value)] }
        let departements = statistics.departements.sorted { $0.key < $1.key }.map {
            ["name": $0.key, "recipients": number($0.value.recipients), "delivered": number($0.value.delivered), "failed": number($0.value.failed)]
        }
        let latency = statistics.latency
        let hours = deliveriesPerHour(statistics.deliveriesByHour)
        let context: [String: Any] = [
            "lang": language.rawValue, "words": words, "id": campaign.id, "name": campaign.name, "type": campaign.type.rawValue,
            "sender": campaign.sender, "created": parisTime(campaign.createdAt), "category": campaign.category ?? "",
            "template": campaign.template ?? "", "card": card, "bars": bars, "histogram": histogram,
            "provisional": provisionalUntil.map { parisTime(StoreTime.text(unixTime: $0)) } ?? "", "isProvisional": provisionalUntil != nil,
            "hasCategory": campaign.category != nil, "hasTemplate": campaign.template != nil,
            "latency": ["median": latency.median.map(duration) ?? "—", "p90": latency.p90.map(duration) ?? "—",
                        "maximum": latency.maximum.map(duration) ?? "—"],
            "failures": failures, "hasFailures": !failures.isEmpty, "departements": departements,
            "hours": hours, "hasHours": !hours.isEmpty, "units": number(statistics.units),
            "cost": unitPrice.map { euros(statistics.cost(unitPrice: $0)) } ?? "", "hasCost": unitPrice != nil,
            "otherReplies": number(statistics.otherReplies),
            "runs": runs.map { run -> [String: Any] in
                ["run": run.run, "pipeline": run.pipeline, "pipelineHash": String(run.pipelineSHA256.prefix(12)),
                 "filter": run.filter ?? say("aucun", "none"), "rows": number(run.rowsRead), "audience": number(run.audience),
                 "exclusions": run.exclusions.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ["reason": $0.key, "count": number($0.value)] }]
            },
            "hasRuns": !runs.isEmpty,
            "templateHash": campaign.template.map { SHA256.hash(data: Data($0.utf8)).map { String(format: "%02x", $0) }.joined() } ?? "",
        ]
        return library.render(context, withTemplate: "campaign") ?? ""
    }

    /// The index: every campaign, and the trend of their delivery rates.
    func index(_ campaigns: [(campaign: CampaignDescription, page: String, statistics: CampaignStatistics)]) -> String {
        let width = campaigns.isEmpty ? 0 : min(40, 400 / Double(campaigns.count))
        let rows: [[String: String]] = campaigns.enumerated().map { index, campaign in
            let statistics = campaign.statistics
            let height = 100 * statistics.ratio(statistics.delivered)
            return ["id": campaign.campaign.id, "name": campaign.campaign.name, "created": parisTime(campaign.campaign.createdAt), "page": campaign.page,
                    "recipients": language.count(statistics.recipients), "delivered": language.percent(statistics.ratio(statistics.delivered)),
                    "notDelivered": language.percent(statistics.ratio(statistics.notDelivered)),
                    "failed": language.percent(statistics.ratio(statistics.failed)), "stops": language.count(statistics.stops),
                    "x": svg(Double(index) * width), "y": svg(110 - height), "width": svg(width * 0.8), "height": svg(height),
                    "labelX": svg(Double(index) * width + width * 0.4), "labelY": svg(max(18, 108 - height))]
        }
        let context: [String: Any] = ["lang": language.rawValue, "words": words, "campaigns": rows, "hasCampaigns": !rows.isEmpty]
        return library.render(context, withTemplate: "index") ?? ""
    }

    /// A person's history: each message with its outcome and the replies to it.
    func contact(_ who: String, history: [ContactMessage]) -> String {
        let labels = Labels(language)
        let messages: [[String: Any]] = history.map { message in
            let replies: [[String: String]] = message.replies.map {
                ["at": parisTime($0.receivedAt), "text": $0.text, "stop": $0.isStop ? "STOP" : ""]
            }
            return [
                "campaign": message.campaign, "campaignName": message.campaignName, "phone": message.phone,
                "name": message.contactName ?? "", "hasName": message.contactName != nil, "isTest": message.isTest,
                "sent": parisTime(message.scheduledAt), "state": labels.state(message.state),
                "outcomeAt": message.outcomeAt.map(parisTime) ?? "", "error": message.errorCode ?? "",
                "replies": replies, "hasReplies": !replies.isEmpty,
            ]
        }
        let context: [String: Any] = ["lang": language.rawValue, "words": words, "who": who, "messages": messages]
        return library.render(context, withTemplate: "contact") ?? ""
    }

    /// Deliveries per hour, Paris time, from the first hour with one to
    /// the last (hours without any included); past 72 hours, the rest in
    /// one last bar.
    private func deliveriesPerHour(_ counts: [Int: Int]) -> [[String: String]] {
        guard let first = counts.keys.min(), let last = counts.keys.max() else { return [] }
        let shown = 72
        var bars: [(label: String, count: Int)] = []
        for hour in stride(from: first, through: min(last, first + (shown - 1) * 3_600), by: 3_600) {
            bars.append((parisHour(hour), counts[hour] ?? 0))
        }
        let later = counts.filter { $0.key >= first + shown * 3_600 }.values.reduce(0, +)
        if later > 0 { bars.append((say("plus tard", "later"), later)) }
        let tallest = max(1, bars.map(\.count).max() ?? 1)
        let width = 400 / Double(max(bars.count, 12))
        return bars.enumerated().map { index, bar in
            let height = 100 * Double(bar.count) / Double(tallest)
            return ["label": bar.label, "count": number(bar.count), "x": svg(Double(index) * width), "width": svg(width * 0.85),
                    "y": svg(104 - height), "height": svg(height)]
        }
    }

    private func number(_ value: Int) -> String { language.count(value) }

    private func euros(_ amount: Double) -> String { language.euros(amount) }

    /// `28/11 17 h` (`11-28 17:00`): an hour of Paris time.
    private func parisHour(_ unixTime: Int) -> String {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let (_, month, day) = clock.date.components
        let hour = clock.secondOfDay / 3_600
        return language == .fr ? String(format: "%02d/%02d %d h", day, month, hour) : String(format: "%02d-%02d %02d:00", month, day, hour)
    }

    /// A stored time as Paris wall time, `28/11/2026 16:00` (`2026-11-28 16:00` in English).
    func parisTime(_ stored: String) -> String {
        guard let date = StoreTime.date(stored) else { return stored }
        let clock = ParisTime.wallClock(atUnixTime: Int(date.timeIntervalSince1970))
        let (year, month, day) = clock.date.components
        let time = String(format: "%02d:%02d", clock.secondOfDay / 3_600, clock.secondOfDay / 60 % 60)
        return language == .fr ? String(format: "%02d/%02d/%04d ", day, month, year) + time : String(format: "%04d-%02d-%02d ", year, month, day) + time
    }

    /// A coordinate with one decimal, the same whatever the locale.
    private func svg(_ value: Double) -> String {
        String(format: "%.1f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// `10 s`, `5 min`, `6 h`.
    private func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3_600 { return "\(seconds / 60) min" }
        return "\(seconds / 3_600) h"
    }
}

/// The HTML templates of `Templates/`, loaded once.
enum TemplateLibrary {
    private static let loaded: Result<MustacheLibrary, any Error> = Result {
        var library = MustacheLibrary()
        for name in ["style", "campaign", "index", "contact", "receipt"] {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Templates"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw ReportError(.missingTemplate, at: DataLocation(file: "Templates/\(name).mustache"), "a report template is missing",
                                  hint: "Reinstall Texto: the templates ship beside the executable (Texto_Reports.resources).")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportError(.missingTemplate, at: DataLocation(file: "Templates/\(name).mustache"), "a report template cannot be read: \(error)",
                                  hint: "Reinstall Texto: the templates ship beside the executable (Texto_Reports.resources).")
            }
        }
        return library
    }

    static func shared() throws -> MustacheLibrary { try loaded.get() }
}
