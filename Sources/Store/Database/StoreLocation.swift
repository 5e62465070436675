import Foundation

/// Where a store lives: an SQLite file (the default, `texto.sqlite`) or a
/// PostgreSQL database (`postgres://user@host:5432/db`), as `--store` or
/// `TEXTO_STORE` names it.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    /// A libpq connection URI, without a password.
    case postgres(uri: String)

    /// Reads `--store`: a `postgres://` or `postgresql://` URI, else a file path.
    ///
    /// A password in the URI is refused: a command line is visible to every
    /// user of the host (`ps`) and stays in shell histories and crontabs.
    /// libpq reads it from `PGPASSWORD` or the password file (`PGPASSFILE`,
    /// `~/.pgpass`) instead; `sslmode` and libpq's other parameters pass as
    /// they are (`?sslmode=verify-full`).
    public init(_ text: String) throws {
        guard Self.isURL(text) else {
            self = .sqlite(path: text)
            return
        }
        let rest = text[text.range(of: "://")!.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            let user = authority[..<at].prefix { $0 != ":" }
            let shown = text.replacingOccurrences(of: String(authority[..<at]), with: user + ":•••")
            throw StoreError(.passwordInURL, path: shown, "the store's URL holds a password, which every user of this host can read on a command line",
                             hint: "Remove it from the URL and put it in a password file (PGPASSFILE, ~/.pgpass, mode 0600) or in PGPASSWORD.")
        }
        self = .postgres(uri: text)
    }

    /// True when `--store` names a PostgreSQL database (a `postgres://` or
    /// `postgresql://` URL, with a password or not), not a file: what is
    /// beside a file (its folder, its run lock, its leftovers) has no
    /// meaning for it.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.prefix(13).lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// The erasure key file when none is given: `TEXTO_ERASURE_KEY`, else
    /// beside an SQLite store (`texto.sqlite.key`), else, for PostgreSQL
    /// (every host needs the same key), `~/.config/texto/erasure.key`.
    func defaultKeyPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["TEXTO_ERASURE_KEY"], !path.isEmpty { return path }
        switch self {
        case .sqlite(let path):
            return path + ".key"
        case .postgres:
            let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
            return config + "/texto/erasure.key"
        }
    }
}
