import TextoCore
import Tables

/// A `--where` expression checked against a file's columns and compiled to
/// run on each row without allocating.
///
/// Before any row is kept or excluded: names are resolved (columns matched
/// without case, accents or spaces; derived fields; a bare word on the right
/// of a comparison is text, so `AUTORISE_SMS = oui` works), and types are
/// checked against what a sample of rows holds, so that comparing a date
/// column with a number is an error, not a silent empty audience.
package final class Filter {
    /// What a row makes of the expression.
    package enum Outcome: Equatable, Sendable {
        case pass
        case fail
        /// A value the expression needed could not be read (a birth date
        /// `31/02/1980`): the column's name.
        case unreadable(String)
    }

    private let test: (Row) -> Outcome

    /// Compiles `expression` for a file whose header is `header`, whose first
    /// rows are `sample`, on the run date `today`.
    package init(_ expression: String, header: [String], sample: [[String]], today: CivilDate, allowEmpty: Bool = false) throws {
        if allowEmpty, expression.allSatisfy(\.isWhitespace) {
            test = { _ in .pass }
            return
        }
        let tree = try ExpressionParser.parse(expression)
        var compiler = FilterCompiler(source: expression, header: header, sample: sample, today: today)
        test = try compiler.compile(tree)
    }

    /// Evaluates the expression on `row`.
    @inline(__always)
    package func evaluate(_ row: Row) -> Outcome { test(row) }
}

/// The type a value has for comparisons.
enum ValueType: String {
    case text, number, date
}

/// A value read from a row for one comparison.
enum Read<Value> {
    case value(Value)
    case empty
    case unreadable(String)
}
