import Foundation
import TestSupport
import Testing
@testable import Store

@Suite("--store: a file or a PostgreSQL URL")
struct StoreLocationTests {
    @Test("a postgres:// or postgresql:// URL is PostgreSQL, anything else a file")
    func kinds() throws {
        #expect(try StoreLocation("texto.sqlite") == .sqlite(path: "texto.sqlite"))
        #expect(try StoreLocation("/var/lib/texto/postgres.sqlite") == .sqlite(path: "/var/lib/texto/postgres.sqlite"))
        #expect(try StoreLocation("postgres://texto@db:5432/texto") == .postgres(uri: "postgres://texto@db:5432/texto"))
        #expect(try StoreLocation("PostgreSQL://texto@db/texto?sslmode=verify-full").isPostgres)
    }

    @Test("a password in the URL is refused, and the error does not repeat it")
    func password() {
        let error = #expect(throws: StoreError.self) { try StoreLocation("postgres://texto:s3cret@db:5432/texto") }
        #expect(error?.code == .passwordInURL)
        #expect(error?.code.category == .usage)
        #expect(error.map { !"\($0)".contains("s3cret") } == true)
        #expect(error.map { "\($0)".contains("PGPASSFILE") } == true)
    }

    @Test("the erasure key: TEXTO_ERASURE_KEY, else beside the file, else in the user's configuration")
    func keyPath() throws {
        #expect(try StoreLocation("a/texto.sqlite").defaultKeyPath(environment: [:]) == "a/texto.sqlite.key")
        #expect(try StoreLocation("postgres://db/texto").defaultKeyPath(environment: ["HOME": "/home/t"]) == "/home/t/.config/texto/erasure.key")
        #expect(try StoreLocation("postgres://db/texto").defaultKeyPath(environment: ["TEXTO_ERASURE_KEY": "/etc/texto/key"]) == "/etc/texto/key")
    }

    @Test("SQLite's ? become PostgreSQL's $n, outside quotes and comments")
    func placeholders() {
        #expect(PostgresConnection.numbered("SELECT ? , '?', \"?\" -- ?\n, ?") == "SELECT $1 , '?', \"?\" -- ?\n, $2")
        #expect(PostgresConnection.numbered("SELECT 1") == "SELECT 1")
    }
}

@Suite("Opening a store on PostgreSQL", .enabled(if: TestPostgres.url != nil))
struct PostgresOpeningTests {
    /// The tables of the store's schema.
    static func tables(_ url: String) throws -> [String] {
        let schema = url.components(separatedBy: "search_path%3D").last!
        return try TestPostgres.psql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = '\(schema)' ORDER BY 1")
            .split(separator: "\n").map(String.init)
    }

    @Test("an empty database becomes a store of the current schema; reopening it changes nothing")
    func creates() throws {
        let url = try TestPostgres.newStore()
        let store = try TextoStore(path: url)
        #expect(store.dialect == .postgres)
        #expect(try Set(Self.tables(url)) == Set(TextoStore.tables + ["texto_meta"]))
        #expect(try TestPostgres.psql(url, "SELECT value FROM texto_meta WHERE key = 'schema_version'") == "\(Schema.version)\n")
        #expect(try store.check() == StoreCheck(schemaVersion: Schema.version, rows: Dictionary(uniqueKeysWithValues: TextoStore.tables.map { ($0, 0) }),
                                                problems: []))
        _ = try TextoStore(path: url, create: false)
        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM texto_meta") == "2\n")
    }

    @Test("the PostgreSQL schema is the SQLite schema's last version")
    func sameVersion() {
        #expect(PostgresSchema.migrations.last?.version == Schema.version)
    }

    @Test("create: false refuses an empty database and creates nothing")
    func missing() throws {
        let url = try TestPostgres.newStore()
        let error = #expect(throws: StoreError.self) { try TextoStore(path: url, create: false) }
        #expect(error?.code == .missing)
        #expect(try Self.tables(url).isEmpty)
    }

    @Test("another application's tables are refused, with nothing written")
    func foreign() throws {
        let url = try TestPostgres.newStore()
        try TestPostgres.psql(url, "CREATE TABLE customers (id int)")
        let error = #expect(throws: StoreError.self) { try TextoStore(path: url) }
        #expect(error?.code == .notATextoStore)
        #expect(try Self.tables(url) == ["customers"])
    }

    @Test("a store of a newer schema is refused, with nothing written")
    func newer() throws {
        let url = try TestPostgres.newStore()
        _ = try TextoStore(path: url)
        try TestPostgres.psql(url, "UPDATE texto_meta SET value = '\(Schema.version + 1)' WHERE key = 'schema_version'")
        let error = #expect(throws: StoreError.self) { try TextoStore(path: url) }
        #expect(error?.code == .newerSchema)
        #expect(try TestPostgres.psql(url, "SELECT value FROM texto_meta WHERE key = 'schema_version'") == "\(Schema.version + 1)\n")
    }

    @Test("four processes opening a new store at once make it once")
    func concurrentCreation() async throws {
        let url = try TestPostgres.newStore()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try TextoStore(path: url).check().schemaVersion } }
            for try await version in group { #expect(version == Schema.version) }
        }
        #expect(try TestPostgres.psql(url, "SELECT count(*) FROM texto_meta") == "2\n")
    }

    @Test("a server that does not answer is a temporary failure (exit 75), a refused login a usage error")
    func unreachableAndRefused() throws {
        let down = #expect(throws: StoreError.self) { try TextoStore(path: "postgres://texto@127.0.0.1:1/texto?connect_timeout=2") }
        #expect(down?.code == .unreachable)
        #expect(down?.code.category == .temporary)
        let base = try #require(TestPostgres.url)
        let host = base.components(separatedBy: "@")[1]
        let folder = try TemporaryFolder()
        let passfile = folder.file("pgpass")
        try "*:*:*:texto_password:wrong\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let refused = #expect(throws: StoreError.self) { try TextoStore(path: "postgres://texto_password@\(host)?passfile=\(passfile)") }
        #expect(refused?.code == .refused)
        #expect(refused?.code.category == .usage)
    }

    @Test("the password comes from the password file (PGPASSFILE, ~/.pgpass)")
    func passwordFile() throws {
        let base = try #require(TestPostgres.url)
        let schema = "pw\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try TestPostgres.psql(base, "CREATE SCHEMA \(schema) AUTHORIZATION texto_password")
        let host = base.components(separatedBy: "@")[1].components(separatedBy: "?")[0]
        let folder = try TemporaryFolder()
        let passfile = folder.file("pgpass")
        try "*:*:*:texto_password:texto-secret\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let store = try TextoStore(path: "postgres://texto_password@\(host)?passfile=\(passfile)&options=-csearch_path%3D\(schema)",
                                   keyPath: folder.file("key"))
        #expect(try store.insertCampaign(id: "c", name: "n", type: .marketing, sender: "s"))
    }
}
