import ArgumentParser
import StageCLI
import Store

extension Suppressions {
    /// `texto-store suppressions remove NUMBER...`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift the suppression of numbers (the person agrees to be messaged again).",
            discussion: """
                Deletes each NUMBER's suppression, plain or erased (a forgotten person's opt-out \
                kept as a keyed hash). If any NUMBER is not a phone number, nothing is written. \
                Only lift a STOP on the person's own, recorded request.

                Example:
                  texto-store suppressions remove "06 30 05 06 60"
                """)

        @OptionGroup var options: StoreOptions
        @OptionGroup var country: CountryOption

        @Argument(help: ArgumentHelp("The numbers whose suppression ends.", valueName: "number"))
        var numbers: [String]

        func validate() throws {
            _ = try country.parser()
        }

        func run() throws {
            try reporting {
                let numbers = try NumberInput.parse(numbers, parser: try country.parser())
                let store = try options.open(create: false)
                let result = try store.removeSuppressions(numbers)
                var line = "\(count(result.removed, "suppression")) removed"
                if result.erasedRemoved > 0 { line += ", \(count(result.erasedRemoved, "erased opt-out")) lifted" }
                say(line + ", \(result.notSuppressed) not suppressed")
            }
        }
    }
}
