import Foundation

/// What a file on disk is, judged from its first 100 bytes (the SQLite
/// header, https://www.sqlite.org/fileformat2.html#the_database_header)
/// without opening it with SQLite.
///
/// Opening a WAL database with SQLite, even read-only, creates `-wal` and
/// `-shm` files beside it, and GRDB runs statements when it connects: a
/// file Texto must refuse would be touched before the refusal. Reading the
/// header first refuses it with nothing written at all. When a `-wal` file
/// already exists the header may be stale (changes not yet checkpointed),
/// so the store checks again through SQLite, inside its write lock.
enum StoreFile: Equatable {
    /// No file at the path.
    case absent
    /// A file with no schema yet: 0 bytes, or an SQLite header with no
    /// table ever created. Texto may take it.
    case empty
    /// A Texto store of this schema version.
    case texto(version: Int)
    /// An SQLite database with another application id, or with tables and
    /// no application id: not ours.
    case foreign(applicationID: Int32)
    /// Not an SQLite file (or shorter than its header).
    case notSQLite

    /// `PRAGMA application_id` of a Texto store: "TXTO".
    static let applicationID: Int32 = 0x5458_544F

    static func inspect(path: String) throws -> StoreFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .absent }
        if isFolder.boolValue {
            throw StoreError(.notADatabase, path: path, "this is a folder, not a store file",
                             hint: "Check --store: name a file, e.g. \(path)/texto.sqlite.")
        }
        let unreadable = StoreError(.cannotWrite, path: path, "the store cannot be read",
                                    hint: "Check the file's permissions: the user running Texto must be able to read and write it.")
        guard let handle = FileHandle(forReadingAtPath: path) else { throw unreadable }
        defer { try? handle.close() }
        do {
            return classify(header: [UInt8](try handle.read(upToCount: 100) ?? Data()))  // nil: 0 bytes
        } catch {
            throw unreadable
        }
    }

    static func classify(header: [UInt8]) -> StoreFile {
        if header.isEmpty { return .empty }
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else { return .notSQLite }
        func integer(at offset: Int) -> Int32 {
            Int32(bitPattern: header[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        let schemaCookie = integer(at: 40)
        let userVersion = integer(at: 60)
        let application = integer(at: 68)
        if application == applicationID { return .texto(version: Int(userVersion)) }
        if application == 0 && userVersion == 0 && schemaCookie == 0 { return .empty }
        return .foreign(applicationID: application)
    }

    /// The refusal for a file Texto must not open, or nil.
    func refusal(path: String) -> StoreError? {
        switch self {
        case .absent, .empty:
            return nil
        case .texto(let version):
            guard version > Schema.version else { return nil }
            return StoreError(.newerSchema, path: path,
                              "this store has schema version \(version), made by a newer Texto; this one knows versions up to \(Schema.version)",
                              hint: "Use the Texto version that last wrote the store (or a newer one); this one leaves the file untouched.")
        case .foreign(let application):
            let owner = application == 0 ? "" : String(format: " (application id 0x%08X)", UInt32(bitPattern: application))
            return StoreError(.notATextoStore, path: path, "this SQLite database is not a Texto store\(owner)",
                              hint: "Check --store: name a Texto store (texto.sqlite) or a path where none exists yet; Texto never writes to another application's database.")
        case .notSQLite:
            return StoreError(.notADatabase, path: path, "this file is not an SQLite database",
                              hint: "Check --store: name a Texto store (texto.sqlite) or a path where none exists yet.")
        }
    }
}
