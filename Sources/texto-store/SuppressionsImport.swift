import ArgumentParser
import StageCLI
import Store

extension Suppressions {
    /// `texto-store suppressions import FILE`: a STOP/NPAI list from another tool.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a STOP or NPAI list exported from another tool.",
            discussion: """
                FILE is one number per line (with or without a header line), or a CSV or XLSX \
                export whose phone column is found by its header (TELEPHONE, Mobile, Numéro, \
                MSISDN...) or named with --column. Numbers are normalized to E.164; a cell \
                that is not a number is counted, and listed with its row in --rejects \
                (_row,_phone_raw,_reason). The valid numbers are added in one transaction; \
                numbers already suppressed keep their reason and date, so importing the same \
                list twice changes nothing. Creates the store when missing.

                Example:
                  texto-store suppressions import stop.csv --column Numéro --rejects rej.csv

                \(StoreExit.helpText) 65 also when the list has rows but no valid number.
                """)

        @OptionGroup var options: StoreOptions
        @OptionGroup var country: CountryOption
        @OptionGroup var scope: ScopeOption

        @Argument(help: ArgumentHelp("The list to import: TXT, CSV or XLSX ('-' reads standard input).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("Why these numbers are suppressed.", valueName: "STOP|NPAI|MANUAL"))
        var reason: SuppressionReason = .stop

        @Option(help: ArgumentHelp("The header of the phone column. Default: found by its header, or the only column.", valueName: "name"))
        var column: String?

        @Option(help: ArgumentHelp("Write the rows that are not numbers to this CSV.", valueName: "rejects.csv"))
        var rejects: String?

        @Option(help: ArgumentHelp("A note kept with each number.", valueName: "text"))
        var comment: String?

        @Option(help: ArgumentHelp("When they opted out: 2026-11-22 (Paris) or 2026-11-22T09:30:00Z. Default: now.", valueName: "date"))
        var since: String?

        func validate() throws {
            try PathChecks.validate(inputs: [file, options.store], outputs: rejects.map { [("--rejects", $0)] } ?? [])
            _ = try parseSince(since)
            _ = try country.parser()
        }

        func run() throws {
            try reporting {
                let list = try SuppressionList.read(path: file, column: column, parser: try country.parser())
                if list.entries.isEmpty && !list.rejects.isEmpty {
                    if let rejects { try list.writeRejects(to: rejects) }
                    say("error: \(list.file) has no valid phone number (\(count(list.rejects.count, "row")) rejected); nothing was imported.")
                    throw ExitStatus.dataError.exitCode
                }
                let store = try options.open(create: true)
                let result = try store.addSuppressions(
                    list.entries.map { ($0.number, "import \(list.file) row \($0.row)") },
                    reason: reason, scope: scope.scope, comment: comment, since: try parseSince(since))
                if let rejects { try list.writeRejects(to: rejects) }
                say(summary(list, result))
            }
        }

        private func summary(_ list: SuppressionList, _ result: SuppressionAddition) -> String {
            var line = "\(list.file): \(count(result.added, "number")) imported as \(reason.rawValue), "
                + "\(result.alreadySuppressed) already there, \(list.rejects.count) invalid"
            if !list.rejects.isEmpty {
                let rows = list.rejects.prefix(10).map { String($0.row) }.joined(separator: ", ")
                line += " (row\(list.rejects.count == 1 ? "" : "s") \(rows)\(list.rejects.count > 10 ? ", ..." : ""))"
                line += rejects.map { "; see \($0)" } ?? "; --rejects FILE lists them"
            }
            return line
        }
    }
}
