import ArgumentParser
import StageCLI
import Store

extension Suppressions {
    /// `texto-store suppressions export -o FILE`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every suppressed number to a CSV file: phone, reason, since, source, comment.",
            discussion: """
                The same CSV as suppressions list, written to a temporary file and renamed into \
                place (mode 0640): the file is complete or absent. For another tool, or for a \
                copy of the STOP list.

                Example:
                  texto-store suppressions export -o stop-list.csv
                """)

        @OptionGroup var options: StoreOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("The CSV to write ('-' for standard output).", valueName: "file.csv"))
        var output = "-"

        func validate() throws {
            try PathChecks.validate(inputs: [options.store], outputs: [("--output", output)])
        }

        func run() throws {
            try options.reportingOnExistingStore { store in
                let suppressions = try store.suppressions()
                try StoreCSV.write(suppressions, to: output)
                say("\(count(suppressions.count, "suppressed number")) written to \(output == "-" ? "standard output" : output)")
            }
        }
    }
}
