import ArgumentParser
import Contacts
import Foundation
import StageCLI
import TextoCore

@main
struct TextoImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-import",
        abstract: "Read XLSX and CSV contact exports into a contacts CSV of mobiles in E.164, and explain every row left out.",
        discussion: """
            Reads each INPUT (an Excel workbook, or a text export in any common encoding \
            and separator: the format is recognised from the content, not the name), finds \
            the phone columns (TELEPHONE, TELEPHONE2, Portable, Mobile, GSM... or \
            --phone-columns), and writes one row per contact whose number is a mobile, \
            in E.164, each mobile once: _source, _row (the row number Excel shows), _phone, \
            _phone_raw, then the file's own columns. Every other row goes to the rejects \
            file with _reason (missing, invalid:..., not_mobile:..., country_not_allowed:..., \
            duplicate) and a sentence saying what to fix (_detail).
            The outputs appear complete or not at all; inputs are never modified.

            Example:
              texto-import clients.xlsx prospects.csv -o contacts.csv --rejects rejects.csv

            \(ExitStatus.helpText) 65 also when no row has a usable mobile, or when the \
            rejected share exceeds --max-reject-rate (the outputs are written first).
            """)

    @Argument(help: ArgumentHelp("XLSX or CSV files to read, in order ('-' reads standard input).", valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The contacts CSV to write ('-' for standard output).", valueName: "contacts.csv"))
    var output: String

    @Option(help: ArgumentHelp("The CSV of rows that were not kept, with the reason.", valueName: "rejects.csv"))
    var rejects: String

    @Option(help: ArgumentHelp("The sheet to read in workbooks: its name, or its position (1 = first tab). Default: the first visible sheet.", valueName: "name|n"))
    var sheet: String?

    @OptionGroup var country: CountryOption

    @Option(help: ArgumentHelp("Keep only mobiles of these regions (comma-separated, e.g. FR,RE,BE). Default: every region Texto knows.", valueName: "list"))
    var countries: String?

    @Option(help: ArgumentHelp("The phone columns, in order (comma-separated header names). Default: found by their headers.", valueName: "names"))
    var phoneColumns: String?

    @Option(help: ArgumentHelp("first: the first mobile across the phone columns is the contact's number; all: one row per distinct mobile.", valueName: "first|all"))
    var phones: ImportConfiguration.PhonePolicy = .first

    @Option(help: ArgumentHelp("Exit with status 65 when more than this share of rows is rejected (0 to 1).", valueName: "rate"))
    var maxRejectRate: Double?

    @Option(help: ArgumentHelp("The most a workbook may inflate to once decompressed, each part and all together (zip bomb guard); raise it only for a real workbook refused as too large. Default: 8.", valueName: "GiB"))
    var maxInflatedSize: Double?

    @OptionGroup var language: LanguageOption
    @OptionGroup var summary: SummaryOption

    func validate() throws {
        try PathChecks.validate(inputs: inputs, outputs: [("--output", output), ("--rejects", rejects)] + summary.outputs)
        try OptionChecks.within(maxInflatedSize, Bounds.inflatedGiB, option: "--max-inflated-size", counting: "GiB")
        if let maxRejectRate, !(0...1).contains(maxRejectRate) {
            throw ValidationError("--max-reject-rate is a share between 0 and 1 (0.2 = 20 %), not \(maxRejectRate).")
        }
    }

    func run() throws {
        try StageRun.main("texto-import", summary: summary) { run in
            try ContactImport.run(configuration(progress: run.progressPerFile("rows")))
        }
    }

    /// The command line as the library's configuration.
    private func configuration(progress: (@Sendable (String, Int) -> Void)?) -> ImportConfiguration {
        var configuration = ImportConfiguration(inputs: inputs, output: output, rejects: rejects, sheet: sheet)
        configuration.country = country.country.uppercased()
        configuration.countries = countries.map { Set(Self.list($0).map { $0.uppercased() }) }
        configuration.phoneColumns = phoneColumns.map(Self.list)
        configuration.phones = phones
        configuration.language = language.lang
        configuration.maxRejectRate = maxRejectRate
        configuration.maxInflatedSize = maxInflatedSize.map { Int($0 * Double(1 << 30)) }
        configuration.progress = progress
        return configuration
    }

    /// `A, B` → `["A", "B"]`.
    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension ImportConfiguration.PhonePolicy: ExpressibleByArgument {}
