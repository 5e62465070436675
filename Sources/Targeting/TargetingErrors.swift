import Tables

extension ExpressionError: CategorizedError {
    /// A `--where` that cannot be used is a command-line problem (exit 64).
    public var category: ErrorCategory { .usage }
}

extension TargetError: CategorizedError {
    /// The options ask for a column the file does not have (exit 64).
    public var category: ErrorCategory { .usage }
}
