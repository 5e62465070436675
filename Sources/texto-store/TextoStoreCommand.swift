import ArgumentParser
import StageCLI

@main
struct TextoStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-store",
        abstract: "Look after Texto's store: suppression lists, campaigns, integrity, erasure of one person's data.",
        discussion: """
            The store is one SQLite file (default texto.sqlite in the current folder, or \
            --store PATH) that keeps, across runs, who said STOP, which numbers are wrong \
            (NPAI), what was sent and what the gateway reported. Analysts may read it with any \
            SQLite tool while Texto runs; docs/store.md describes every table.

            Examples:
              texto-store suppressions add "06 30 05 06 60" --reason STOP
              texto-store suppressions import stop.csv --rejects rejects.csv
              texto-store suppressions export -o stop-list.csv
              texto-store forget +33630050660

            \(StoreExit.helpText)
            """,
        subcommands: [Suppressions.self, Campaigns.self, Check.self, Forget.self, Copy.self])
}

/// The exit codes of texto-store, for `--help`.
enum StoreExit {
    static let helpText = """
        Exit codes: 0 ok; 1 runtime failure; 64 usage (bad option or number, a file that is not a \
        Texto store, a store made by a newer Texto); 65 unusable data (a damaged store, a list with \
        no valid number, check found problems); 66 the store or an input is missing; 73 an output \
        cannot be written; 75 the store is in use by another process (try again later).
        """
}
