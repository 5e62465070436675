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

    public var category: ErrorCategory {
        switch self {
        case .missing, .erasureKeyMissing: return .noInput
        // The option names the wrong file, or the wrong Texto is installed:
        // the command, not the data, must change.
        case .notATextoStore, .newerSchema, .unknownCampaign, .invalidNumber, .phoneColumnNotFound: return .usage
        case .notADatabase, .damaged, .erasureKeyMismatch, .alreadySent: return .data
        case .locked: return .temporary
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
