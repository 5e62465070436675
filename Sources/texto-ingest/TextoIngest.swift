import ArgumentParser
import Delivery
import StageCLI
import TextoCore

@main
struct TextoIngest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-ingest",
        abstract: "Read delivery reports and replies into the store: outcomes, STOP and NPAI.",
        discussion: """
            Reads a gateway's files: SMPP delivery receipts anywhere in a log's lines, submit \
            logs (our id beside the SMSC's), Gammu inbox files, replies CSV and providers' \
            per-message exports (Téléphone; Statut: Délivré, Non délivré...); a folder means \
            every file in it and its subfolders (files in no known format are skipped there). \
            Each receipt is matched to its message in the ledger, whatever the case of its id, \
            its leading zeros, or the SMSC id it carries; a receipt that matches nothing is kept \
            and counted. A message's outcome is delivered, failed, expired or pending, a \
            delivery winning over any earlier state. A permanent failure (REJECTD, or UNDELIV \
            with a --permanent-errors code) puts the number on the NPAI list; a reply that is an \
            opt-out (STOP, ARRET...) puts it on the STOP list, attributed to the latest campaign \
            sent to it.

            Running it again on the same files changes nothing; a file that grew since is read \
            from where the last run stopped, and a last line still being written is left for the \
            next run.

            Example:
              texto-ingest gateway/ --store texto.sqlite

            \(ExitStatus.helpText) 75 the store is locked by another run.
            """)

    @Argument(help: ArgumentHelp("Report and reply files, or their folders.", valueName: "file"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Read every file as this format instead of detecting it.", valueName: "format"))
    var format: IngestFormat?

    @Option(help: ArgumentHelp("UNDELIV error codes that make a number NPAI (comma-separated).", valueName: "codes"))
    var permanentErrors = "001"

    @Option(help: ArgumentHelp("Opt-out keywords (comma-separated). Default: STOP, STOP SMS, STOPALL, ARRET, UNSUBSCRIBE.",
                               valueName: "words"))
    var stopWords: String?

    @OptionGroup var country: CountryOption

    @Option(help: ArgumentHelp("A message without a final report this many hours after its send counts as expired.",
                               valueName: "hours"))
    var pendingHours = 48

    @Option(help: ArgumentHelp("A number whose last N messages all failed or expired joins the NPAI list (0: never).",
                               valueName: "n"))
    var npaiAfter = 3

    @OptionGroup var store: StoreOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        try OptionChecks.within(pendingHours, 1...Bounds.pendingHours.upperBound, option: "--pending-hours", counting: "hours")
        if npaiAfter < 0 { throw ValidationError("--npai-after takes a number of campaigns, or 0 to turn the rule off.") }
    }

    func run() throws {
        try StageRun.main("texto-ingest", summary: summary) { _ in
            try Ingest.run(configuration)
        }
    }

    private var configuration: IngestConfiguration {
        var configuration = IngestConfiguration(inputs: inputs, store: store.store)
        configuration.format = format
        configuration.permanentErrors = Set(permanentErrors.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if let stopWords { configuration.optOutWords = OptOutWords(stopWords.split(separator: ",").map(String.init)) }
        configuration.country = country.country
        configuration.pendingHours = pendingHours
        configuration.npaiAfter = npaiAfter
        configuration.now = StageClock.unixTime()
        return configuration
    }
}

extension IngestFormat: ExpressibleByArgument {}
