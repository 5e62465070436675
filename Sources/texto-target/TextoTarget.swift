import TextoCore
import ArgumentParser
import StageCLI
import Targeting

@main
struct TextoTarget: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-target",
        abstract: "Choose who receives a campaign, and say why each other contact does not.",
        discussion: """
            Reads the contacts file texto-import wrote and writes the audience (the rows \
            the filter keeps) and the excluded rows with _reason: no_phone, stop, npai \
            and manual (the store's suppression list, always applied), no_consent \
            (--consent-column), campaign:ID (--exclude-campaign), not_in_campaign:ID, \
            delivered:ID and replied:ID (the follow-up options), max_sends (--max-sends \
            N --per DAYS), unreadable:COLUMN (a value the filter needed could not be read) \
            and filter.

            Opt-outs have a scope: a STOP replied to a marketing campaign keeps the number \
            from every marketing campaign; one replied to a notification keeps it from \
            that notification's category only. The audience is for a marketing campaign \
            unless --category names the category of the notification it is for \
            (rappels): then marketing opt-outs do not apply, that category's do. NPAI and \
            manual suppressions apply to every campaign.

            Follow-ups ("relances"), from what texto-ingest recorded: --include-campaign ID \
            keeps only the numbers that received campaign ID, --not-delivered ID only those \
            whose message of ID was not delivered, --exclude-replied ID leaves out those \
            who replied to it; --count delivered makes --max-sends count delivered messages.

            The filter (--where) compares columns (matched without case, accents or \
            spaces; `Name with spaces` in backticks) with text ("Rennes", or a bare word: \
            AUTORISE_SMS = oui), numbers, dates (2026-11-22, 22/11/2026, today, \
            today - 30 days, today + 1 month), with = != < <= > >=, in [...], not in, \
            contains, starts with, is empty, is not empty, between ... and ..., and, or, \
            not, parentheses. Text compares without case or accents. Derived fields: age, \
            departement (2A/2B for Corsica, 971-976 overseas), days_until_birthday, \
            days_since(COLUMN), days_until(COLUMN), all relative to --date.

            Example: clients of Brittany over 40 who accept SMS and have not come for \
            30 days:
              texto-target contacts.csv -o audience.csv --excluded excluded.csv \\
                --consent-column AUTORISE_SMS --where 'departement in [22, 29, 35, 56]
                  and age > 40 and DERNIERE_VISITE < today - 30 days'

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

    @OptionGroup var runDate: RunDateOption

    @Option(help: ArgumentHelp("A column that must say yes (oui, yes, 1, vrai, x...): marketing needs consent.", valueName: "column"))
    var consentColumn: String?

    @Option(help: ArgumentHelp("Leave out the numbers that received this campaign (repeat for several).", valueName: "id"))
    var excludeCampaign: [String] = []

    @Option(help: ArgumentHelp("Leave out numbers that received this many messages or more in the last --per days.", valueName: "n"))
    var maxSends: Int?

    @Option(help: ArgumentHelp("The window of --max-sends, in days.", valueName: "days"))
    var per: Int?

    @Option(help: ArgumentHelp("What --max-sends counts: sent (every message) or delivered.", valueName: "sent|delivered"))
    var count: SendCount = .sent

    @Option(help: ArgumentHelp("Follow-up: only the numbers that received this campaign (repeat for several).", valueName: "id"))
    var includeCampaign: [String] = []

    @Option(help: ArgumentHelp("Follow-up: only the numbers whose message of this campaign was not delivered.", valueName: "id"))
    var notDelivered: [String] = []

    @Option(help: ArgumentHelp("Follow-up: leave out the numbers that replied to this campaign.", valueName: "id"))
    var excludeReplied: [String] = []

    /// `--count`.
    enum SendCount: String, ExpressibleByArgument {
        case sent, delivered
    }

    @Option(help: ArgumentHelp("The category of the notification campaign the audience is for. Default: marketing.",
                               valueName: "name"))
    var category: String?

    @OptionGroup var store: StoreOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        try PathChecks.validate(inputs: [input], outputs: [("--output", output), ("--excluded", excluded)] + summary.outputs)
        if (maxSends == nil) != (per == nil) {
            throw ValidationError("--max-sends and --per go together: --max-sends 2 --per 30 (at most 2 messages in 30 days).")
        }
        try OptionChecks.atLeastOne(maxSends, option: "--max-sends", counting: "messages")
        try OptionChecks.atLeastOne(per, option: "--per", counting: "days")
        if let category, !(1...64).contains(category.count) || category == "*" {
            throw ValidationError("--category takes a name of 1 to 64 characters (rappels), or marketing.")
        }
    }

    func run() throws {
        try StageRun.main("texto-target", summary: summary) { run in
            try Targeting.run(configuration(progress: run.progress("contacts")))
        }
    }

    /// The command line as the library's configuration.
    private func configuration(progress: (@Sendable (Int) -> Void)?) -> TargetConfiguration {
        var exclusions = StoreExclusions(path: store.store, campaigns: excludeCampaign,
                                         maxSends: maxSends.flatMap { limit in per.map { (limit, $0) } })
        exclusions.countDeliveredOnly = count == .delivered
        exclusions.onlyCampaigns = includeCampaign
        exclusions.notDelivered = notDelivered
        exclusions.replied = excludeReplied
        exclusions.category = category
        var configuration = TargetConfiguration(
            input: input, output: output, excluded: excluded, filter: filter, today: runDate.today(),
            consentColumn: consentColumn, exclusions: .store(exclusions))
        configuration.progress = progress
        return configuration
    }
}
