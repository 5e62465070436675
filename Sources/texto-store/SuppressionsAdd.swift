import ArgumentParser
import StageCLI
import Store

extension Suppressions {
    /// `texto-store suppressions add NUMBER... --reason R`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suppress numbers: they will not be messaged again.",
            discussion: """
                Each NUMBER is read as texto-import reads a phone cell (06 30 05 06 60, \
                +33 6 30 05 06 60, 0033630050660...) and stored in E.164. If any NUMBER is not a \
                phone number, nothing is written. A number already suppressed keeps its reason \
                and date (remove it first to change them). Creates the store when missing.

                Example:
                  texto-store suppressions add "06 30 05 06 60" 0612345678 --reason STOP \\
                    --comment "courrier du 12/11"
                """)

        @OptionGroup var options: StoreOptions
        @OptionGroup var country: CountryOption
        @OptionGroup var scope: ScopeOption

        @Argument(help: ArgumentHelp("The numbers to suppress (quote a number written with spaces).", valueName: "number"))
        var numbers: [String]

        @Option(help: ArgumentHelp("Why: STOP (opted out), NPAI (wrong number) or MANUAL.", valueName: "STOP|NPAI|MANUAL"))
        var reason: SuppressionReason

        @Option(help: ArgumentHelp("A note kept with each number (who asked, when, how).", valueName: "text"))
        var comment: String?

        @Option(help: ArgumentHelp("When they opted out: 2026-11-22 (Paris) or 2026-11-22T09:30:00Z. Default: now.", valueName: "date"))
        var since: String?

        func validate() throws {
            _ = try parseSince(since)
            _ = try country.parser()
        }

        func run() throws {
            try reporting {
                let numbers = try NumberInput.parse(numbers, parser: try country.parser())
                let store = try options.open(create: true)
                let result = try store.addSuppressions(numbers, reason: reason, scope: scope.scope, source: "texto-store add", comment: comment,
                                                       since: try parseSince(since))
                say("\(count(result.added, "number")) added as \(reason.rawValue), \(result.alreadySuppressed) already suppressed")
            }
        }
    }
}
