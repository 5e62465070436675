/// What kind of failure an error is, so that executables map it to an exit
/// code (DESIGN.md §2) without knowing every library's error types.
public enum ErrorCategory: String, Sendable {
    /// The command line asks for something impossible (exit 64).
    case usage
    /// The input data is unusable (exit 65).
    case data
    /// An input is missing or cannot be read (exit 66).
    case noInput
    /// An output cannot be written (exit 73).
    case cannotCreate
    /// Try again later: the store is locked (exit 75).
    case temporary
    /// Something failed that the user's files and options do not explain (exit 1).
    case runtime
}

extension ErrorCategory {
    /// The exit code of DESIGN.md §2 (after sysexits.h): 1, 64, 65, 66, 73, 75.
    public var exitCode: Int32 {
        switch self {
        case .runtime: return 1
        case .usage: return 64
        case .data: return 65
        case .noInput: return 66
        case .cannotCreate: return 73
        case .temporary: return 75
        }
    }
}

/// The one shape of every error a Texto library throws (STYLE.md §4, after
/// swift-nio's `FileSystemError`): a code a program can switch on, where it
/// happened, what happened, what to do, and the underlying cause.
///
/// It prints the way an accountant reads it:
/// `clients.xlsx, sheet "Feuil1", row 1234, column D: the cell is longer
/// than Excel allows (32,767 characters). Shorten it and export again.`
public protocol TextoError: Error, Sendable, CustomStringConvertible {
    associatedtype Code: RawRepresentable<String>
    /// What went wrong, in a form a program can switch on.
    var code: Code { get }
    /// Where: the file, sheet, row and column, or the option.
    var location: DataLocation { get }
    /// What happened, in one sentence without a final period.
    var detail: String { get }
    /// What the user can do, in one sentence.
    var hint: String { get }
    /// The underlying system or library message, when there is one.
    var cause: String? { get }
    /// Which exit code the error maps to.
    var category: ErrorCategory { get }
}

extension TextoError {
    /// `where: what happened (cause). What to do.`
    public var description: String {
        var text = location.isEmpty ? detail : "\(location): \(detail)"
        if let cause { text += " (\(cause))" }
        return hint.isEmpty ? text + "." : text + ". " + hint
    }

    /// The code as written in summaries and logs (`zipBomb`, `unknownColumn`).
    package var codeName: String { code.rawValue }
}

/// The codes of one library's errors: each says which exit code it maps to.
public protocol ErrorCode: RawRepresentable<String>, Sendable, Equatable {
    var category: ErrorCategory { get }
}

/// A library's error with the shape of `TextoError`; each library names
/// its own codes (`TableError` is `Failure<TableErrorCode>`).
public struct Failure<Kind: ErrorCode>: TextoError {
    public typealias Code = Kind

    public var code: Kind
    public var location: DataLocation
    public var detail: String
    public var hint: String
    public var cause: String?

    package init(_ code: Kind, at location: DataLocation, _ detail: String, hint: String, cause: String? = nil) {
        self.code = code
        self.location = location
        self.detail = detail
        self.hint = hint
        self.cause = cause
    }

    public var category: ErrorCategory { code.category }
}

/// A one-line text a person typed (a `--where` expression, a template)
/// with a caret line under the part that is wrong.
public enum Caret {
    /// `title`, the line of `text` holding `range` (character offsets),
    /// carets under the range, and `message`, each on its own line.
    package static func show(_ title: String, text: String, range: Range<Int>, message: String) -> String {
        let characters = Array(text)
        let start = min(range.lowerBound, characters.count)
        let lineStart = characters[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineEnd = characters[lineStart...].firstIndex(of: "\n") ?? characters.count
        let width = max(1, min(range.count, lineEnd - start))
        let carets = String(repeating: " ", count: start - lineStart) + String(repeating: "^", count: width)
        return "\(title):\n  \(String(characters[lineStart..<lineEnd]))\n  \(carets)\n  \(message)"
    }
}

/// The codes of errors in a text a person typed on the command line: the
/// option it came from and what to call it.
public protocol TypedTextErrorCode: ErrorCode {
    /// `--where`, `--template`.
    static var option: String { get }
    /// `the --where expression`, `the template`.
    static var subject: String { get }
}

/// An error at a place in a text a person typed (a `--where` expression,
/// a template): printed with a caret under the place.
public struct TypedTextError<Kind: TypedTextErrorCode>: TextoError, Equatable {
    public typealias Code = Kind

    public var code: Kind
    /// The text as given.
    public var text: String
    /// Character offsets of the problem.
    package var range: Range<Int>
    /// What is wrong and what would be right.
    public var message: String

    package init(_ code: Kind, text: String, range: Range<Int>, message: String) {
        self.code = code
        self.text = text
        self.range = range
        self.message = message
    }

    public var location: DataLocation { DataLocation(option: Kind.option) }
    public var detail: String { message }
    public var hint: String { "" }
    public var cause: String? { nil }
    public var category: ErrorCategory { code.category }

    /// The text, a caret line under the place, and the message.
    public var description: String {
        Caret.show("cannot use \(Kind.subject)", text: text, range: range, message: message)
    }
}
