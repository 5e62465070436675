import ArgumentParser
import Reports
import StageCLI
import TextoCore

@main
struct TextoReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-report",
        abstract: "Write the statistics of campaigns from the store: HTML pages, XLSX workbooks and CSV tables.",
        discussion: """
            For each campaign: <id>.html, its page (the card: recipients, delivered, not \
            delivered, failed, STOP, with their ratios, the first three adding up to the \
            recipients; charts of outcomes, delivery times, deliveries per hour; failures by \
            status and code; outcomes by département; how it was made); <id>.xlsx, a workbook \
            with the sheets Synthèse, Messages (every message, its outcome and whether the \
            number replied), STOP, NPAI (with the contact file and row to fix) and Réponses \
            (a conversation per number); and the same tables as CSV (<id>-synthese.csv, \
            -messages.csv, -stop.csv, -npai.csv, -reponses.csv). Across campaigns: \
            index.html and campagnes.csv. Times are Paris time. Text people typed that a \
            spreadsheet would run as a formula gets a ' in front.

            With --contact, the history of one person instead: every SMS sent to a number, \
            or to the contacts whose name contains a text, with outcomes and replies \
            (contact-<who>.html and .xlsx).

            Examples:
              texto-report --out rapports
              texto-report --out rapports --campaign noel-2026 \\
                --csv-dialect excel-fr --unit-price 0.045
              texto-report --out rapports --contact "06 12 34 56 78"

            \(ExitStatus.helpText) 75 the store is locked by another run.
            """)

    @Option(help: ArgumentHelp("The folder for the report files (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("A campaign to report on (repeat for several). Default: all.", valueName: "id"))
    var campaign: [String] = []

    @Option(help: ArgumentHelp("rfc4180 (, and .) or excel-fr (; and , with a BOM, for a French Excel).", valueName: "dialect"))
    var csvDialect: CSVDialect = .rfc4180

    @Option(help: ArgumentHelp("Hours after the last send during which reports may still come: a campaign's page says its statistics are provisional until then.",
                               valueName: "hours"))
    var pendingHours = 48

    @Option(help: ArgumentHelp("Write one person's history instead: a phone number, or part of a name.", valueName: "number|name"))
    var contact: String?

    @OptionGroup var country: CountryOption

    @OptionGroup var price: UnitPriceOption

    @OptionGroup var language: LanguageOption
    @OptionGroup var store: StoreOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        try OptionChecks.within(pendingHours, Bounds.pendingHours, option: "--pending-hours", counting: "hours")
        if contact != nil && !campaign.isEmpty { throw ValidationError("--contact writes one person's history across campaigns: leave out --campaign.") }
    }

    func run() throws {
        try StageRun.main("texto-report", summary: summary) { _ in
            var configuration = ReportConfiguration(store: store.store, out: out)
            configuration.campaigns = campaign
            configuration.language = language.lang
            configuration.dialect = csvDialect
            configuration.pendingHours = pendingHours
            configuration.contact = contact
            configuration.country = country.country
            configuration.unitPrice = price.unitPrice
            configuration.now = StageClock.unixTime()
            return try Report.run(configuration)
        }
    }
}

extension CSVDialect: ExpressibleByArgument {}
