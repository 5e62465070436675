import ArgumentParser

/// Checks of one option's value that several stages share, with the
/// sentence `validate()` throws (exit 64, with the usage line).
public enum OptionChecks {
    /// Refuses a count below 1: `--per takes a number of days, 1 or more.`
    /// Nothing to check when the option was not given.
    public static func atLeastOne(_ value: Int?, option: String, counting noun: String) throws {
        if let value, value < 1 { throw ValidationError("\(option) takes a number of \(noun), 1 or more.") }
    }
}
