import TextoCore
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
        let parsed = parser.parse(text)
        if case .number(let number) = parsed, parsed.rejection == nil { return .success(number) }
        return .failure(.init(text: text, reason: parsed.rejection ?? .missing))
    }
}

/// Numbers on the command line that are not phone numbers.
public struct InvalidNumbers: TextoError {
    public struct Problem: Error, Sendable, Equatable {
        /// As typed.
        public var text: String
        /// Why it is not a number.
        package var reason: RejectReason
        /// The rejects' code: `invalid:letters`, `country_not_allowed:+1`...
        public var code: String { reason.code }
    }

    public enum Code: String, Sendable {
        /// One or more of the numbers given are not phone numbers.
        case invalidNumbers
    }

    public var problems: [Problem]
    public var code: Code { .invalidNumbers }
    public var location: DataLocation { .none }
    public var detail: String {
        let list = problems.map { "\"\($0.text)\" (\($0.reason.briefly))" }.joined(separator: ", ")
        return "\(list) \(problems.count == 1 ? "is not a phone number" : "are not phone numbers"); nothing was written"
    }
    public var hint: String {
        "Correct \(problems.count == 1 ? "it" : "them") or leave \(problems.count == 1 ? "it" : "them") out, and run the command again."
    }
    public var cause: String? { nil }
    public var category: ErrorCategory { .usage }
}
