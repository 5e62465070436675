import ArgumentParser
import Foundation
import StageCLI
import Store
import Tables
import Targeting

@main
struct TextoTarget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-target",
        abstract: "Choose who receives a campaign, and say why each other contact does not.",
        discussion: """
            Reads the contacts file texto-import wrote and writes the audience (the rows \
            the filter keeps) and the excluded rows with _reason: stop, npai and manual \
            (the store's suppression list, always applied), no_phone, no_consent \
            (--consent-column), campaign:ID (--exclude-campaign), max_sends (--max-sends \
            N --per DAYS), unreadable:COLUMN (a value the filter needed could not be read) \
            and filter.

            The filter (--where) compares columns (matched without case, accents or \
            spaces; `Name with spaces` in backticks) with text ("Rennes", or a bare word: \
            AUTORISE_SMS = oui), numbers, dates (2026-11-22, 22/11/2026, today, \
            today - 30 days, today + 1 month), with = != < <= > >=, in [...], not in, \
            contains, starts with, is empty, is not empty, between ... and ..., and, or, \
            not, parentheses. Text compares without case or accents. Derived fields: age, \
            departement (2A/2B for Corsica, 971-976 overseas), days_until_birthday, \
            days_since(COLUMN), days_until(COLUMN), all relative to --date.

            Example (clients of Brittany over 40 who accept SMS and have not come for 30 days):
              texto-target contacts.csv -o audience.csv --excluded excluded.csv \\
                --where 'departement in [22, 29, 35, 56] and age > 40 and DERNIERE_VISITE < today - 30 days' \\
                --consent-column AUTORISE_SMS

            \(ExitStatus.helpText) 75 the store is locked by another run.
            """)

    @Argument(help: ArgumentHelp("The contacts file (texto-import's output).", valueName: "contacts.csv"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The audience CSV to write.", valueName: "audience.csv"))
    var output: String

    @Option(help: ArgumentHelp("The CSV of the other rows, each with _reason.", valueName: "excluded.csv"))
    var excluded: String

    @Option(name: .customLong("where"), help: ArgumentHelp("The filter. Default: everyone the exclusions let through.", valueName: "expression"))
    var filter: String?

    @Option(help: ArgumentHelp("The run date, for today and the derived fields. Default: today in Europe/Paris.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(help: ArgumentHelp("A column that must say yes (oui, yes, 1, vrai, x...): marketing needs consent.", valueName: "column"))
    var consentColumn: String?

    @Option(help: ArgumentHelp("Leave out the numbers that received this campaign (repeat for several).", valueName: "id"))
    var excludeCampaign: [String] = []

    @Option(help: ArgumentHelp("Leave out numbers that received this many messages or more in the last --per days.", valueName: "n"))
    var maxSends: Int?

    @Option(help: ArgumentHelp("The window of --max-sends, in days.", valueName: "days"))
    var per: Int?

    @Option(help: ArgumentHelp("The store file.", valueName: "path"))
    var store = "texto.sqlite"

    @Option(help: ArgumentHelp("Also write the summary as JSON to this file.", valueName: "summary.json"))
    var summary: String?

    func validate() throws {
        try PathChecks.validate(
            inputs: [input],
            outputs: [("--output", output), ("--excluded", excluded)] + (summary.map { [("--summary", $0)] } ?? []))
        if let date, CivilDate.parse(date) == nil {
            throw ValidationError("--date \(date) is not a date: write YYYY-MM-DD, e.g. 2026-11-22.")
        }
        if (maxSends == nil) != (per == nil) {
            throw ValidationError("--max-sends and --per go together: --max-sends 2 --per 30 (at most 2 messages in 30 days).")
        }
        if let maxSends, maxSends < 1 { throw ValidationError("--max-sends takes a number of messages, 1 or more.") }
        if let per, per < 1 { throw ValidationError("--per takes a number of days, 1 or more.") }
    }

    func run() throws {
        do {
            let today = date.flatMap { CivilDate.parse($0) } ?? ParisTime.date(atUnixTime: Int(Date().timeIntervalSince1970))
            let exclusions = try loadExclusions(today: today)
            var configuration = TargetConfiguration(
                input: input, output: output, excluded: excluded, filter: filter, today: today,
                consentColumn: consentColumn, exclusions: exclusions)
            configuration.progress = Diagnostics.progressReporter { "texto-target: \($0) contacts" }
            let result = try Targeting.run(configuration)
            Diagnostics.endProgress()
            if let summary { try SummaryFile.write(result, to: summary) }
            Diagnostics.line("texto-target: \(result.line)")
        } catch {
            Diagnostics.endProgress()
            throw Diagnostics.report(error, stage: "texto-target").exitCode
        }
    }

    /// What the store excludes, loaded once.
    private func loadExclusions(today: CivilDate) throws -> Exclusions {
        let database = try TextoStore(path: store)
        let set = try database.suppressionSet()
        var exclusions = Exclusions(
            suppressed: set.numbers.mapValues { reason in
                switch reason {
                case .stop: return .stop
                case .npai: return .npai
                case .manual: return .manual
                }
            },
            isErased: { set.isErased($0) })
        if !excludeCampaign.isEmpty {
            let known = try database.campaignIDs()
            for id in excludeCampaign where !known.contains(id) {
                let list = known.isEmpty ? "The store has no campaign yet." : "Its campaigns: \(known.sorted().joined(separator: ", "))."
                throw ValidationFailure(message: "--exclude-campaign \(id): the store \(store) has no such campaign. \(list)")
            }
            exclusions.campaigns = try excludeCampaign.map { ($0, try database.recipients(ofCampaigns: [$0])) }
        }
        if let maxSends, let per {
            let since = Date(timeIntervalSince1970: TimeInterval(ParisTime.startOfDay(today.adding(days: -per))))
            exclusions.maxSends = (maxSends, try database.sendCounts(since: since))
        }
        return exclusions
    }
}

/// A command-line value the store contradicts (exit 64).
struct ValidationFailure: CategorizedError {
    var message: String
    var description: String { message }
    var category: ErrorCategory { .usage }
}
