import ArgumentParser
import Gateway
import StageCLI
import Store
import TextoCore

@main
struct TextoEmit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-emit",
        abstract: "Write the batch files a gateway sends, inside the legal hours, and record every message.",
        discussion: """
            Reads the messages (texto-render's output) and writes them as batch files for a \
            provider's bulk upload (--format csv: message_id,phone,sender,text,send_at), an \
            HTTP API (jsonl) or a Gammu SMSD outbox (gammu: one file per message), with a \
            manifest.json listing every file, its messages, first and last send time and \
            SHA-256. Every message gets an id that comes back in its delivery report, and a \
            row in the store's ledger, written together with the files: both exist, or neither.

            Send times: from --at (Paris time unless an offset is given; default now), at \
            --rate messages per second, only inside the window. Marketing messages go Monday \
            to Saturday 08:00-20:00, never on Sundays nor public holidays (--window legal, the \
            default for --type marketing); a time outside moves to the next allowed moment and \
            the summary says why. Notifications go at any time (--window none).

            Numbers that joined the STOP or NPAI list since targeting are dropped (--excluded \
            lists them). --test-to writes only a test batch (<campaign>-test) to your own \
            numbers: the first message, the longest, one of each encoding. --to and --text send \
            one message without a messages file. Running the same emit again changes nothing; \
            a different one for the same campaign is refused unless --replace (refused once \
            reports were ingested).

            Examples:
              texto-emit messages.csv --campaign noel-2026 --sender KERKAFE \\
                --out batches --at "2026-12-05 10:00" --rate 50/s
              texto-emit messages.csv --campaign noel-2026 --sender KERKAFE \\
                --out batches --test-to "06 30 05 06 60"
              texto-emit --to "06 30 05 06 60; 06 11 22 33 44" --type notification \\
                --text "Votre commande est prete." --campaign cmd-1234 \\
                --sender KERKAFE --out batches

            \(ExitStatus.helpText) 65 also when no message was left to emit; 75 the \
            store is locked by another run.
            """)

    @Argument(help: ArgumentHelp("The messages file (texto-render's output); not with --to.", valueName: "messages.csv"))
    var input: String?

    @Option(help: ArgumentHelp("The campaign id: 1 to 32 letters, digits, - or _.", valueName: "id"))
    var campaign: String

    @Option(help: ArgumentHelp("The campaign's name for people. Default: its id.", valueName: "text"))
    var campaignName: String?

    @Option(help: ArgumentHelp("A label to group campaigns in reports.", valueName: "text"))
    var category: String?

    @Option(help: ArgumentHelp("The sender recipients see: up to 11 letters and digits, or a number.", valueName: "name"))
    var sender: String

    @Option(help: ArgumentHelp("marketing (the legal window) or notification (any time).", valueName: "type"))
    var type: CampaignType = .marketing

    @Option(help: ArgumentHelp("csv, jsonl or gammu.", valueName: "format"))
    var format: BatchFormat = .csv

    @Option(help: ArgumentHelp("The folder for the batch files (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("At most N messages per file (<campaign>-0001.csv...). Default: one file.", valueName: "n"))
    var chunk: Int?

    @Option(help: ArgumentHelp("Where to write the manifest. Default: manifest.json in --out.", valueName: "file"))
    var manifest: String?

    @Option(help: ArgumentHelp("The CSV separator: , or ;.", valueName: "char"))
    var csvDelimiter: String = ","

    @Option(help: ArgumentHelp("Gammu outbox priority, A (highest) to Z.", valueName: "letter"))
    var priority: String = "C"

    @Flag(help: "Gammu: ask for delivery reports (the d after .txt).")
    var deliveryReports = false

    @Option(help: ArgumentHelp("The first send time: 2026-12-05T10:00 (Paris), or with an offset. Default: now.", valueName: "datetime"))
    var at: String?

    @Option(help: ArgumentHelp("legal (Mon-Sat, within --hours, no holidays) or none. Default: by --type.", valueName: "window"))
    var window: String?

    @Option(help: ArgumentHelp("The legal window's hours, Paris time.", valueName: "08:00-20:00"))
    var hours: String = "08:00-20:00"

    @Option(help: ArgumentHelp("national, or alsace-moselle (adds Good Friday and 26 December).", valueName: "calendar"))
    var holidays: String = "national"

    @Option(help: ArgumentHelp("Messages per second (50/s, 3000/min). Default: all at the first send time.", valueName: "rate"))
    var rate: String?

    @Option(help: ArgumentHelp("The CSV of numbers dropped since targeting (STOP, NPAI), with _reason.", valueName: "file"))
    var excluded: String?

    @Option(help: ArgumentHelp("The CSV of rows that cannot be sent, with _reason.", valueName: "file"))
    var rejects: String?

    @Option(help: ArgumentHelp("Write only a test batch to these numbers (separated by , or ;).", valueName: "numbers"))
    var testTo: String?

    @Option(help: ArgumentHelp("One-off: the numbers to send --text to (separated by ; or ,).", valueName: "numbers"))
    var to: String?

    @Option(help: ArgumentHelp("One-off: the text, with --to.", valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp("One-off marketing text: the opt-out mention, e.g. \"STOP au 36035\".", valueName: "text"))
    var stopMention: String?

    @Flag(help: "One-off text: keep characters outside the GSM alphabet.")
    var unicode = false

    @OptionGroup var country: CountryOption

    @OptionGroup var price: UnitPriceOption

    @Flag(help: "Rewrite a campaign emitted before with other messages (not once reports were ingested).")
    var replace = false

    @OptionGroup var store: StoreOption
    @OptionGroup var language: LanguageOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        guard (input == nil) != (to == nil) else {
            throw ValidationError("Give a messages file, or --to NUMBERS with --text TEXT (one of the two).")
        }
        if to != nil, text == nil { throw ValidationError("--to needs --text: the message to send.") }
        if text != nil, to == nil { throw ValidationError("--text goes with --to: the numbers to send it to.") }
        if testTo != nil, replace { throw ValidationError("--test-to writes only a test batch: --replace does not apply.") }
        try PathChecks.validate(
            inputs: input.map { [$0] } ?? [],
            outputs: [("--excluded", excluded), ("--rejects", rejects), ("--manifest", manifest)].compactMap { option, path in
                path.map { (option, $0) }
            } + summary.outputs)
    }

    func run() throws {
        try StageRun.main("texto-emit", summary: summary) { run in
            try Emit.run(configuration(progress: run.progress("messages")))
        }
    }

    /// The command line as the library's configuration; the send-time
    /// options are read here, each error saying what to write instead.
    private func configuration(progress: (@Sendable (Int) -> Void)?) throws -> EmitConfiguration {
        let source: EmitConfiguration.Source = input.map { .messages($0) } ?? .oneOff(to: [to ?? ""], text: text ?? "")
        var configuration = EmitConfiguration(source: source, campaign: campaign, sender: sender, out: out, store: store.store)
        configuration.campaignName = campaignName
        configuration.category = category
        configuration.type = type
        configuration.format = format
        configuration.chunk = chunk
        configuration.manifest = manifest
        configuration.batchOptions = try BatchOptions(csvDelimiter: csvDelimiter, priority: priority, deliveryReports: deliveryReports)
        configuration.start = try at.map(SendStart.init(parsing:))
        configuration.window = try window.map(WindowKind.init(parsing:))
        configuration.hours = try SendHours(parsing: hours)
        configuration.holidays = try FrenchHolidays(parsing: holidays)
        configuration.rate = try rate.map(SendRate.init(parsing:))
        configuration.excluded = excluded
        configuration.rejects = rejects
        configuration.testTo = testTo.map { $0.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) } } ?? []
        configuration.replace = replace
        configuration.country = country.country
        configuration.unitPrice = price.unitPrice
        configuration.stopMention = stopMention
        configuration.unicode = unicode
        configuration.language = language.lang
        configuration.now = StageClock.unixTime()
        configuration.progress = progress
        return configuration
    }
}

extension BatchFormat: ExpressibleByArgument {}
