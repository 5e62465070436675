import ArgumentParser
import Reports
import StageCLI

@main
struct TextoReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-report",
        abstract: "Write the statistics of campaigns from the store: HTML pages, and CSV tables for Excel.",
        discussion: """
            For each campaign: its card (<id>-synthese.csv: recipients, delivered, not \
            delivered, failed, STOP, with their ratios; the first three add up to the \
            recipients), every message with its outcome (<id>-messages.csv), the numbers that \
            replied STOP (<id>-stop.csv), the NPAI numbers with the contact file and row to \
            fix (<id>-npai.csv), the replies (<id>-reponses.csv); and campagnes.csv, one line \
            per campaign. Text people typed that Excel would run as a formula gets a ' in \
            front. Also index.html and <id>.html: the cards and charts as pages. The XLSX \
            workbook comes next.

            Example:
              texto-report --out rapports --campaign noel-2026 --csv-dialect excel-fr

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

    @OptionGroup var language: LanguageOption
    @OptionGroup var store: StoreOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        if pendingHours < 0 { throw ValidationError("--pending-hours takes a number of hours, 0 or more.") }
    }

    func run() throws {
        try StageRun.main("texto-report", summary: summary) { _ in
            var configuration = ReportConfiguration(store: store.store, out: out)
            configuration.campaigns = campaign
            configuration.language = language.lang
            configuration.dialect = csvDialect
            configuration.pendingHours = pendingHours
            configuration.now = StageClock.unixTime()
            return try Report.run(configuration)
        }
    }
}

extension CSVDialect: ExpressibleByArgument {}
