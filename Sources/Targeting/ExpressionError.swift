import TextoCore

/// An expression that cannot be used, with the place to show.
public typealias ExpressionError = TypedTextError<ExpressionErrorCode>

public enum ExpressionErrorCode: String, TypedTextErrorCode {
    /// The words do not form an expression (an unclosed quote, a missing operand).
    case syntax
    /// A name that is neither a column nor a derived field.
    case unknownColumn
    /// A comparison the column's values cannot take (a date with a number).
    case typeMismatch
    /// A derived field or function the file has no column for.
    case missingSource

    public static let option = "--where"
    public static let subject = "the --where expression"
    /// A `--where` that cannot be used is a command-line problem (exit 64).
    public var category: ErrorCategory { .usage }
}
