import Phones
import Tables

/// Reads the numbers a person types on the command line
/// (`texto-store suppressions add 06 30 05 06 60`).
public enum NumberInput {
    /// Every text as a number, or an error naming each one that is not;
    /// nothing is half-accepted. Any valid number is accepted, mobile or not
    /// (suppressing a landline is harmless).
    public static func parse(_ texts: [String], parser: PhoneParser) throws -> [PhoneNumber] {
        var numbers: [PhoneNumber] = []
        var problems: [InvalidNumbers.Problem] = []
        for text in texts {
            switch Self.parse(text, parser: parser) {
            case .success(let number): numbers.append(number)
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw InvalidNumbers(problems: problems) }
        return numbers
    }

    /// One text as a number, or why not (`invalid:letters`, `missing`...).
    static func parse(_ text: String, parser: PhoneParser) -> Result<PhoneNumber, InvalidNumbers.Problem> {
        switch parser.parse(text) {
        case .number(let number) where number.kind != .invalid:
            return .success(number)
        case .number:
            return .failure(.init(text: text, reason: "invalid:unallocated"))
        case .missing:
            return .failure(.init(text: text, reason: "missing"))
        case .invalid(let problem):
            return .failure(.init(text: text, reason: "invalid:" + problem.rawValue))
        case .foreign(let countryCode):
            return .failure(.init(text: text, reason: "country_not_allowed:+\(countryCode)"))
        }
    }
}

/// Numbers on the command line that are not phone numbers.
public struct InvalidNumbers: Error, Sendable, CategorizedError {
    public struct Problem: Error, Sendable, Equatable {
        /// As typed.
        public var text: String
        /// The rejects' code: `invalid:letters`, `country_not_allowed:+1`...
        public var reason: String
    }

    public var problems: [Problem]
    public var category: ErrorCategory { .usage }

    public var description: String {
        let list = problems.map { "\"\($0.text)\" (\(Self.explain($0.reason)))" }.joined(separator: ", ")
        let subject = problems.count == 1 ? "is not a phone number" : "are not phone numbers"
        return "\(list) \(subject); nothing was written. Correct \(problems.count == 1 ? "it" : "them") or leave \(problems.count == 1 ? "it" : "them") out, and run the command again."
    }

    /// A few words for a reject code.
    static func explain(_ reason: String) -> String {
        switch reason {
        case "missing": return "no number"
        case "invalid:too_short": return "too few digits"
        case "invalid:too_long": return "too many digits"
        case "invalid:letters": return "a letter or a character no number has"
        case "invalid:two_numbers": return "two numbers"
        case "invalid:extension": return "an extension"
        case "invalid:scientific_notation": return "Excel's scientific notation lost digits"
        case "invalid:unallocated": return "not an assigned number"
        default:
            if reason.hasPrefix("country_not_allowed:") { return "a country Texto does not serve" }
            return reason
        }
    }
}
