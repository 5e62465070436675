import TextoCore
import GRDB
import Tables

/// Why the store refused to open or to do something: what happened, to
/// which file, and what the user can do about it.
///
/// Unexpected SQLite failures that say nothing about the user's files
/// (a constraint a caller broke, a misuse) are not wrapped: they reach the
/// executables as they are and exit 1.
public typealias StoreError = Failure<StoreErrorCode>

public enum StoreErrorCode: String, ErrorCode {
    /// `create: false` and there is no store at the path.
    case missing
    /// The file is not an SQLite database at all (or is damaged beyond opening).
    case notADatabase
    /// An SQLite database that Texto did not make: refused, never migrated.
    case notATextoStore
    /// A store made by a newer Texto, with a schema this one does not know.
    case newerSchema
    /// Another process held the write lock for longer than the busy timeout.
    case locked
    /// SQLite found the file damaged while reading it.
    case damaged
    /// The file or its folder cannot be written (permissions, full disk, I/O).
    case cannotWrite
    /// Erased opt-outs exist but the erasure key file is missing.
    case erasureKeyMissing
    /// The erasure key file does not hold the key the store's hashes were made with.
    case erasureKeyMismatch
    /// A message names a campaign that is not in the store.
    case unknownCampaign
    /// A number on the command line or in a call is not a phone number.
    case invalidNumber
    /// A STOP/NPAI list whose phone column cannot be found.
    case phoneColumnNotFound
    /// Messages asked to be withdrawn were already sent (reports name them).
    case alreadySent
    /// `texto-store copy` into a store that already holds rows.
    case notEmpty
    /// A PostgreSQL URL with a password in it (`--store`, `TEXTO_STORE`).
    case passwordInURL
    /// The PostgreSQL server cannot be reached (down, network, DNS).
    case unreachable
    /// The PostgreSQL server refused the login or the database (user, password, permissions).
    case refused

    public var category: ErrorCategory {
        switch self {
        case .missing, .erasureKeyMissing: return .noInput
        // The option names the wrong file, or the wrong Texto is installed:
        // the command, not the data, must change.
        case .notATextoStore, .newerSchema, .unknownCampaign, .invalidNumber, .phoneColumnNotFound, .passwordInURL, .refused, .notEmpty: return .usage
        case .notADatabase, .damaged, .erasureKeyMismatch, .alreadySent: return .data
        case .locked, .unreachable: return .temporary
        case .cannotWrite: return .cannotCreate
        }
    }
}

extension Failure where Kind == StoreErrorCode {
    package init(_ code: StoreErrorCode, path: String, _ detail: String, hint: String, cause: String? = nil) {
        self.init(code, at: DataLocation(file: path), detail, hint: hint, cause: cause)
    }

    /// The store file, as the user named it.
    public var path: String { location.file }
}

extension Failure where Kind == StoreErrorCode {
    /// Turns an SQLite failure into a `StoreError` when it says something
    /// about the file (locked, damaged, unwritable); returns other errors as
    /// they are.
    static func wrap(_ error: any Error, path: String) -> any Error {
        if let postgres = error as? PostgresError { return wrap(postgres, path: path) }
        guard let database = error as? DatabaseError else { return error }
        let cause = database.message ?? "\(database.resultCode)"
        switch database.resultCode.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.locked, path: path, "the store is in use by another Texto process",
                              hint: "Try again when it has finished (a nightly run holds the store for its duration).", cause: cause)
        case .SQLITE_CORRUPT:
            return StoreError(.damaged, path: path, "the store file is damaged",
                              hint: "Run texto-store check, and restore the store from a backup.", cause: cause)
        case .SQLITE_NOTADB:
            return StoreError(.notADatabase, path: path, "this file is not an SQLite database",
                              hint: "Check --store: it must name a Texto store (texto.sqlite), or a path where none exists yet.", cause: cause)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM:
            return StoreError(.cannotWrite, path: path, "the store cannot be opened or written",
                              hint: "Check that the file and its folder are writable by this user and that the disk is not full.", cause: cause)
        default:
            return error
        }
    }
}

extension Failure where Kind == StoreErrorCode {
    /// The same for a PostgreSQL failure, by its SQLSTATE's class
    /// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    static func wrap(_ error: PostgresError, path: String) -> any Error {
        let cause = error.description
        switch error.sqlClass {
        case "08", "57" where error.sqlState != "57014":
            return StoreError(.unreachable, path: path, "the PostgreSQL server cannot be reached",
                              hint: "Check that the server runs and that this host may reach it (host, port, firewall); the next run will try again.",
                              cause: cause)
        case "28":
            return StoreError(.refused, path: path, "the PostgreSQL server refused this login",
                              hint: "Check the user in the URL and its password in PGPASSFILE (~/.pgpass) or PGPASSWORD, and the server's pg_hba.conf.",
                              cause: cause)
        case "3D":
            return StoreError(.missing, path: path, "this PostgreSQL database does not exist",
                              hint: "Create it (createdb), or check the database name at the end of the URL.", cause: cause)
        case "40", "55":
            return StoreError(.locked, path: path, "the store is in use by another Texto process",
                              hint: "Try again when it has finished.", cause: cause)
        case "42" where error.sqlState == "42501":
            return StoreError(.cannotWrite, path: path, "this PostgreSQL user may not read or write the store's tables",
                              hint: "Grant the user the rights on the database (GRANT ALL ON SCHEMA public ...), or use the user that owns it.",
                              cause: cause)
        case "53":
            return StoreError(.cannotWrite, path: path, "the PostgreSQL server is out of resources (disk, memory or connections)",
                              hint: "Free space on the server or raise max_connections, then run again.", cause: cause)
        case "57":
            return StoreError(.locked, path: path, "a statement ran longer than the server allows (statement_timeout)",
                              hint: "Try again when the server is less busy, or raise statement_timeout for this user.", cause: cause)
        case "XX":
            return StoreError(.damaged, path: path, "PostgreSQL reports an internal error or damaged data",
                              hint: "Look at the server's log, and restore the database from a backup if it is damaged.", cause: cause)
        default:
            return error
        }
    }
}
