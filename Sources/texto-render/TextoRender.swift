import ArgumentParser
import Foundation
import Messages
import StageCLI
import TextoCore

@main
struct TextoRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-render",
        abstract: "Write each recipient's message and say exactly how many SMS it costs.",
        discussion: """
            Reads the audience (texto-target's output) and writes messages.csv: every row \
            with _text, _encoding (GSM7 or UCS2), _length (septets or UTF-16 units) and \
            _segments (SMS units, 3GPP TS 23.038), after Texto's columns. Rows that cannot \
            be rendered go to the rejects with _reason: empty_field:NAME (a field is empty \
            and has no default) or too_long:K (more than --max-segments).

            The template: $FIELD$ inserts a column (matched without case, accents or \
            spaces), $FIELD|default$ a default for empty values, $$ a dollar sign, \
            $FIN_ABONNEMENT:dd/MM$ a date format (dates render as 22/11/2026 by default; \
            d dd M MM MMMM yy yyyy EEEE HH mm). Characters outside the GSM alphabet are \
            replaced by their equivalent (ê → e, ’ → ') unless --unicode. Marketing \
            messages get the STOP mention on a new line, counted.

            The preview (--preview, default preview.txt beside the messages) shows the \
            SMS per recipient, the total and its cost, the characters replaced, the \
            recipients pushed into an extra SMS by their data and the field responsible, \
            and the first and longest messages as they will arrive, part by part.

            Example:
              texto-render audience.csv -o messages.csv --rejects not-rendered.csv \\
                --stop-mention "STOP au 36035" --unit-price 0.045 \\
                --template 'Bonjour $PRENOM$, -20 % sur votre visite à $VILLE$ !'

            \(ExitStatus.helpText) 65 also when no row could be rendered (the outputs are written).
            """)

    @Argument(help: ArgumentHelp("The audience file (texto-target's output).", valueName: "audience.csv"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The messages CSV to write.", valueName: "messages.csv"))
    var output: String

    @Option(help: ArgumentHelp("The CSV of rows not rendered, with _reason.", valueName: "rejects.csv"))
    var rejects: String

    @Option(help: ArgumentHelp("The template text.", valueName: "text"))
    var template: String?

    @Option(help: ArgumentHelp("A file holding the template (UTF-8).", valueName: "file"))
    var templateFile: String?

    @Option(help: ArgumentHelp("marketing (needs --stop-mention) or notification.", valueName: "type"))
    var type: CampaignType = .marketing

    @Option(help: ArgumentHelp("The opt-out mention added to marketing messages, e.g. \"STOP au 36035\".", valueName: "text"))
    var stopMention: String?

    @Flag(help: "Keep characters outside the GSM alphabet (the message goes as Unicode, 70 characters per SMS).")
    var unicode = false

    @Option(help: ArgumentHelp("Rows whose message needs more SMS go to the rejects.", valueName: "n"))
    var maxSegments: Int?

    @OptionGroup var price: UnitPriceOption

    @Option(help: ArgumentHelp("A field empty for a row, without a default: skip the row, or render it blank.", valueName: "skip|blank"))
    var onEmpty: BoundTemplate.EmptyPolicy = .skip

    @Option(help: ArgumentHelp("Where to write the preview. Default: preview.txt beside the messages.", valueName: "file"))
    var preview: String?

    @OptionGroup var language: LanguageOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        guard (template == nil) != (templateFile == nil) else {
            throw ValidationError("Give the template with --template TEXT or --template-file FILE (one of the two).")
        }
        try OptionChecks.atLeastOne(maxSegments, option: "--max-segments", counting: "SMS")
        try PathChecks.validate(
            inputs: [input] + (templateFile.map { [$0] } ?? []),
            outputs: [("--output", output), ("--rejects", rejects), ("--preview", previewPath)] + summary.outputs)
    }

    /// The preview's path: given, or `preview.txt` beside the messages.
    var previewPath: String {
        if let preview { return preview }
        let folder = (output as NSString).deletingLastPathComponent
        return folder.isEmpty || output == "-" ? "preview.txt" : folder + "/preview.txt"
    }

    func run() throws {
        try StageRun.main("texto-render", summary: summary) { run in
            try Render.run(configuration(progress: run.progress("messages")))
        }
    }

    /// The command line as the library's configuration.
    private func configuration(progress: (@Sendable (Int) -> Void)?) -> RenderConfiguration {
        let source: RenderConfiguration.TemplateSource = templateFile.map { .file($0) } ?? .text(template ?? "")
        var configuration = RenderConfiguration(input: input, output: output, rejects: rejects, template: source)
        configuration.type = type
        configuration.stopMention = stopMention
        configuration.unicode = unicode
        configuration.maxSegments = maxSegments
        configuration.unitPrice = price.unitPrice
        configuration.onEmpty = onEmpty
        configuration.preview = previewPath
        configuration.language = language.lang
        configuration.progress = progress
        return configuration
    }
}

extension BoundTemplate.EmptyPolicy: ExpressibleByArgument {}
