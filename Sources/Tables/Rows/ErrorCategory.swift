/// What kind of failure an error is, so that executables map it to an exit
/// code (DESIGN.md §2) without knowing every library's error types.
public enum ErrorCategory: Sendable {
    /// The command line asks for something impossible (exit 64).
    case usage
    /// The input data is unusable (exit 65).
    case data
    /// An input is missing (exit 66).
    case noInput
    /// An output cannot be written (exit 73).
    case cannotCreate
    /// Try again later (exit 75).
    case temporary
}

/// An error that says which kind of failure it is.
public protocol CategorizedError: Error, CustomStringConvertible {
    var category: ErrorCategory { get }
}

extension TableError: CategorizedError {
    public var category: ErrorCategory {
        switch code {
        case .fileNotFound, .readFailed: return .noInput
        case .sheetNotFound: return .usage
        default: return .data
        }
    }
}

extension OutputError: CategorizedError {
    public var category: ErrorCategory { .cannotCreate }
}
