import ArgumentParser
import TextoCore

/// Checks of one option's value that several stages share, with the
/// sentence `validate()` throws (exit 64, with the usage line).
public enum OptionChecks {
    /// Refuses a count below 1: `--per takes a number of days, 1 or more.`
    /// Nothing to check when the option was not given.
    public static func atLeastOne(_ value: Int?, option: String, counting noun: String) throws {
        if let value, value < 1 { throw ValidationError("\(option) takes a number of \(noun), 1 or more.") }
    }

    /// Refuses a value outside `range`, NaN included: `--pending-hours takes
    /// a number of hours from 1 to 87600, not 99999999.` The bounds keep
    /// every later computation (times, sizes, timers) inside its type.
    public static func within<Value: Comparable>(_ value: Value?, _ range: ClosedRange<Value>, option: String, counting noun: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) takes a number of \(noun) \(Bounds.span(range)), not \(Bounds.written(value)).")
    }
}
