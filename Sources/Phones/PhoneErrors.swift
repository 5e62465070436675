import TextoCore

extension PhoneParser.UnknownRegion: TextoError {
    public enum Code: String, Sendable {
        /// `--country` or `--countries` names a region the plan does not have.
        case unknownRegion
    }

    public var code: Code { .unknownRegion }
    public var location: DataLocation { DataLocation(option: "--country") }
    public var detail: String { "\(region) is not a region Texto knows" }
    public var hint: String { "Use one of \(known.joined(separator: ", "))." }
    public var cause: String? { nil }
    /// The command line must change (exit 64).
    public var category: ErrorCategory { .usage }
}

extension NumberingPlan.PlanError: TextoError {
    public enum Code: String, Sendable {
        /// A line of the built-in numbering plan does not parse.
        case malformedPlan
    }

    public var code: Code { .malformedPlan }
    public var location: DataLocation { DataLocation(file: "numbering plan", line: line) }
    public var detail: String { "cannot read \"\(text)\"" }
    public var hint: String { "This Texto was built with a damaged numbering plan: rebuild it from a clean checkout." }
    public var cause: String? { nil }
    /// Not the user's files nor options: a broken build (exit 1).
    public var category: ErrorCategory { .runtime }
}
