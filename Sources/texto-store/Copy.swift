import ArgumentParser
import Foundation
import StageCLI
import Store

/// `texto-store copy`: a store moved whole to another backend.
struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a whole store into a new one: from SQLite to PostgreSQL when one machine is no longer enough, or back.",
        discussion: """
            Copies every table (campaigns, ledger, batch files, reports, outcomes, \
            replies, suppressions, erased opt-outs, pipeline runs) in one transaction: \
            the destination gets all of it or nothing. The destination must be empty \
            (a new PostgreSQL database, or a file that does not exist yet); the \
            source is only read. The erasure key file is copied beside the \
            destination when it has none (TEXTO_ERASURE_KEY names it for PostgreSQL; \
            default ~/.config/texto/erasure.key). The password comes from PGPASSFILE \
            or PGPASSWORD, never the URL.

            Example:
              texto-store copy --from texto.sqlite \\
                --to postgres://texto@db.example:5432/texto
            """)

    @Option(help: ArgumentHelp("The store to copy (a file or a PostgreSQL URL); read only.", valueName: "path|url"))
    var from: String

    @Option(help: ArgumentHelp("The new store (an empty PostgreSQL database, or a file that does not exist yet).", valueName: "path|url"))
    var to: String

    func run() throws {
        try reporting {
            let now = Date(timeIntervalSince1970: TimeInterval(StageClock.unixTime()))
            // A file's key is beside it, whatever TEXTO_ERASURE_KEY says (that one names the destination's).
            let sourceKey: String? = if case .sqlite(let file) = try StoreLocation(from) { file + ".key" } else { nil }
            let source = try TextoStore(path: from, create: false, keyPath: sourceKey, clock: { now })
            let destination = try TextoStore(path: to, create: true, clock: { now })
            let copy = try destination.copy(from: source)
            var line = "\(from) → \(to): " + TextoStore.tables.map { "\($0) \(copy.rows[$0] ?? 0)" }.joined(separator: ", ")
            if copy.needsErasureKey {
                line += try Self.copyKey(from: source.keyPath, to: destination.keyPath)
            }
            say(line)
        }
    }

    /// Copies the erasure key (mode 0600) unless the destination has one; says what was done.
    static func copyKey(from source: String, to destination: String) throws -> String {
        if FileManager.default.fileExists(atPath: destination) { return "; erasure key kept at \(destination)" }
        guard let key = FileManager.default.contents(atPath: source) else {
            return "; the erased opt-outs' key \(source) is missing: put it at \(destination)"
        }
        try FileManager.default.createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: destination, contents: key, attributes: [.posixPermissions: 0o600]) else {
            return "; copy the erased opt-outs' key \(source) to \(destination)"
        }
        return "; erasure key copied to \(destination)"
    }
}
