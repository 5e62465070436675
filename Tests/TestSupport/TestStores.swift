import Foundation

/// The store backends a test runs against: SQLite always, PostgreSQL when
/// `TEXTO_TEST_POSTGRES` names a server the tests may use (`.ci/run`
/// starts one: `.ci/postgres.sh`).
public enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The backends available here.
    public static var all: [StoreBackend] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    public var description: String { rawValue }

    /// A new, empty store location for a test: a file in `folder`, or a
    /// schema of its own on the test server.
    package func newStore(in folder: TemporaryFolder, name: String = "texto.sqlite") throws -> String {
        switch self {
        case .sqlite: return folder.file(name)
        case .postgres: return try TestPostgres.newStore()
        }
    }
}

/// The PostgreSQL server of the tests.
public enum TestPostgres {
    /// Its URL (`postgres://texto@127.0.0.1:55432/texto`), from `TEXTO_TEST_POSTGRES`.
    public static var url: String? {
        ProcessInfo.processInfo.environment["TEXTO_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    private static let counter = Counter()

    /// A new schema on the server, and the store URL that uses it (through
    /// `search_path`): as cheap as a folder, where a database is a copy of
    /// its template.
    public static func newStore() throws -> String {
        guard let url else { throw Interop.InteropFailure(description: "TEXTO_TEST_POSTGRES is not set") }
        let schema = "t\(getpid())_\(counter.next())_\(UInt32.random(in: 0...UInt32.max))"
        try psql(url, "CREATE SCHEMA \(schema)")
        return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }

    /// Runs `sql` with psql against `url`; its output (unaligned, tuples only).
    /// (Its output goes through a file, not a pipe: Foundation's pipe
    /// reads trap on EINTR when tests start processes in parallel.)
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let base = NSTemporaryDirectory() + "/texto-psql-\(getpid())-\(counter.next())"
        let (output, errors) = (base + ".out", base + ".err")
        FileManager.default.createFile(atPath: output, contents: nil)
        FileManager.default.createFile(atPath: errors, contents: nil)
        defer {
            unlink(output)
            unlink(errors)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            let errorText = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw Interop.InteropFailure(description: "psql \(sql) exited \(process.terminationStatus):\n\(text)\(errorText)")
        }
        return text
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
