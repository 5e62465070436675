import TextoCore

/// An expression that cannot be used, with the place to show.
public struct ExpressionError: TextoError, Equatable {
    public enum Code: String, Sendable {
        /// The words do not form an expression (an unclosed quote, a missing operand).
        case syntax
        /// A name that is neither a column nor a derived field.
        case unknownColumn
        /// A comparison the column's values cannot take (a date with a number).
        case typeMismatch
        /// A derived field or function the file has no column for.
        case missingSource
    }

    public var code: Code
    /// The expression as given.
    public var expression: String
    /// Character offsets of the problem.
    public var range: Range<Int>
    /// What is wrong and what would be right.
    public var message: String

    public init(_ code: Code, expression: String, range: Range<Int>, message: String) {
        self.code = code
        self.expression = expression
        self.range = range
        self.message = message
    }

    public var location: DataLocation { DataLocation(option: "--where") }
    public var detail: String { message }
    public var hint: String { "" }
    public var cause: String? { nil }
    /// A `--where` that cannot be used is a command-line problem (exit 64).
    public var category: ErrorCategory { .usage }

    /// The expression, a caret line under the place, and the message.
    public var description: String {
        Caret.show("cannot use the --where expression", text: expression, range: range, message: message)
    }
}
