import TextoCore
import Tables

/// The filter language of `texto-target --where`, as written by people who
/// are not programmers (issue 4):
///
///     VILLE = "Rennes" and age >= 40 and AUTORISE_SMS = oui
///     DERNIERE_VISITE < today - 30 days or `Date de naissance` is empty
///     departement in [22, 29, 35, 56] and not NOM starts with "Le"
///     FIN_ABONNEMENT between today and today + 10 days
///
/// Keywords are case-insensitive. Column names are matched without case,
/// accents or spaces; names with spaces go in backticks. Strings take double
/// or single quotes (or « »); dates are `2026-11-22` or `22/11/2026`.
indirect enum Expression: Equatable {
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
    case compare(Operand, Comparison, Operand)
    case member(Operand, [Operand], negated: Bool)
    case contains(Operand, Operand)
    case startsWith(Operand, Operand)
    case isEmpty(Operand, negated: Bool)
    case between(Operand, Operand, Operand, negated: Bool)
}

enum Comparison: String, Equatable {
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

/// A value in an expression, with where it was written (for messages).
struct Operand: Equatable {
    enum Value: Equatable {
        /// A column of the file, or a derived field (`age`), by name as written.
        case name(String)
        /// `days_since(COLUMN)`, `days_until(COLUMN)`.
        case function(String, argument: String)
        case text(String)
        case number(Double)
        case date(CivilDate)
        /// `today`, `today - 30 days`, `today + 1 month`.
        case today(offset: Int, unit: DateUnit)
    }

    var value: Value
    /// Character offsets in the expression.
    var range: Range<Int>
}

enum DateUnit: String, Equatable {
    case days, weeks, months, years
}
