import ArgumentParser
import StageCLI
import Store

/// `texto-store check`: is the store sound?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the store's integrity, foreign keys, schema version and erasure key.",
        discussion: """
            Runs SQLite's integrity_check and foreign_key_check, compares the schema version \
            with this Texto's, and checks that the erasure key file is there when opt-outs \
            were erased. Reads only. Prints each problem and a summary on standard error; \
            exits 0 when the store is sound, 65 when it has problems.

            Example:
              texto-store check --store /srv/texto/texto.sqlite
            """)

    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.reportingOnExistingStore { store in
            let check = try store.check()
            for problem in check.problems { say("problem: " + problem) }
            let rows = TextoStore.tables.map { "\($0) \(check.rows[$0] ?? 0)" }.joined(separator: ", ")
            if check.isSound {
                say("\(options.store): ok, schema version \(check.schemaVersion); \(rows)")
            } else {
                say("\(options.store): \(count(check.problems.count, "problem")), schema version \(check.schemaVersion); \(rows)")
                throw ExitStatus.dataError.exitCode
            }
        }
    }
}
