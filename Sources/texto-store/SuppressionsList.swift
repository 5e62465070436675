import ArgumentParser
import Store

extension Suppressions {
    /// `texto-store suppressions list`: the suppressions as CSV on standard output.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every suppressed number as CSV: phone, reason, since, source, comment.",
            discussion: """
                Writes the suppressions sorted by number to standard output (UTF-8 CSV, the \
                file suppressions import reads back). Forgotten people's opt-outs are kept only \
                as keyed hashes: they are counted on standard error, never listed.

                Example:
                  texto-store suppressions list > suppressions.csv
                """)

        @OptionGroup var options: StoreOptions

        func run() throws {
            try options.reportingOnExistingStore { store in
                let suppressions = try store.suppressions()
                try StoreCSV.write(suppressions, to: "-")
                let erased = try store.erasedSuppressionCount()
                say(count(suppressions.count, "suppressed number") + (erased > 0 ? ", and \(count(erased, "erased opt-out")) kept as keyed hashes" : ""))
            }
        }
    }
}
