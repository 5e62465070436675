import ArgumentParser
import Contacts
import StageCLI

@main
struct TextoImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-import",
        abstract: "Read XLSX and CSV contact exports into one contacts CSV.",
        discussion: """
            Reads each INPUT (an Excel workbook, or a text export in any common encoding \
            and separator: the format is recognised from the content, not the name) and \
            writes every row under one header: _source, _row (the row number Excel shows), \
            _phone, _phone_raw, then the file's own columns under their original names. \
            Dates come out as ISO 8601, numbers as Excel's General format shows them.
            The outputs appear complete or not at all; inputs are never modified.

            Example:
              texto-import clients.xlsx prospects.csv -o contacts.csv --rejects rejects.csv

            \(ExitStatus.helpText)
            """)

    @Argument(help: ArgumentHelp("XLSX or CSV files to read, in order ('-' reads standard input).", valueName: "input"))
    var inputs: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The contacts CSV to write ('-' for standard output).", valueName: "contacts.csv"))
    var output: String

    @Option(help: ArgumentHelp("The CSV of rows that were not kept, with the reason.", valueName: "rejects.csv"))
    var rejects: String

    @Option(help: ArgumentHelp("The sheet to read in workbooks: its name, or its position (1 = first tab). Default: the first visible sheet.", valueName: "name|n"))
    var sheet: String?

    @Option(help: ArgumentHelp("Also write the summary as JSON to this file.", valueName: "summary.json"))
    var summary: String?

    func validate() throws {
        try PathChecks.validate(
            inputs: inputs,
            outputs: [("--output", output), ("--rejects", rejects)] + (summary.map { [("--summary", $0)] } ?? []))
    }

    func run() throws {
        var configuration = ImportConfiguration(inputs: inputs, output: output, rejects: rejects, sheet: sheet)
        if Diagnostics.isInteractive {
            configuration.progress = { file, rows in Diagnostics.progress("texto-import: \(file): \(rows) rows") }
        }
        do {
            let result = try ContactImport.run(configuration)
            Diagnostics.endProgress()
            if let summary { try SummaryFile.write(result, to: summary) }
            Diagnostics.line("texto-import: \(result.line)")
        } catch {
            Diagnostics.endProgress()
            throw Diagnostics.report(error, stage: "texto-import").exitCode
        }
    }
}
