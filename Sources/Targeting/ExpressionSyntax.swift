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
        let caretStart = min(range.lowerBound, expression.count)
        let width = max(1, min(range.count, expression.count - caretStart))
        return "cannot use the --where expression:\n  \(expression)\n  \(String(repeating: " ", count: caretStart))\(String(repeating: "^", count: width))\n  \(message)"
    }
}

/// Reads an expression into its tree.
struct ExpressionParser {
    private struct Token: Equatable {
        enum Kind: Equatable {
            case word(String)       // identifiers and keywords
            case quotedName(String) // `Date de naissance`
            case text(String)
            case number(Double)
            case date(CivilDate)
            case symbol(String)     // = != <> < <= > >= ( ) [ ] , + -
            case end
        }
        var kind: Kind
        var range: Range<Int>

        /// The keyword this word is, lowercased, if it is a word.
        var keyword: String? {
            if case .word(let word) = kind { return word.lowercased() }
            return nil
        }

        var shown: String {
            switch kind {
            case .word(let word): return "\"\(word)\""
            case .quotedName(let name): return "`\(name)`"
            case .text(let text): return "\"\(text)\""
            case .number(let number): return "\(number)"
            case .date(let date): return "\(date)"
            case .symbol(let symbol): return "\"\(symbol)\""
            case .end: return "the end"
            }
        }
    }

    private let source: String
    private var tokens: [Token] = []
    private var position = 0

    static let keywords: Set<String> = ["and", "or", "not", "in", "contains", "starts", "with", "is", "empty", "between", "today"]

    /// Parses `source`; throws `ExpressionError` at the first problem.
    static func parse(_ source: String) throws -> Expression {
        var parser = ExpressionParser(source: source)
        try parser.tokenize()
        let expression = try parser.parseOr()
        guard case .end = parser.current.kind else {
            throw parser.error("expected \"and\", \"or\" or the end of the expression, found \(parser.current.shown)")
        }
        return expression
    }

    private init(source: String) {
        self.source = source
    }

    // MARK: - Tokens

    private mutating func tokenize() throws {
        let characters = Array(source)
        var index = 0
        func fail(_ message: String, _ range: Range<Int>) -> ExpressionError {
            ExpressionError(.syntax, expression: source, range: range, message: message)
        }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
                continue
            }
            if character == "`" {
                guard let close = characters[(index + 1)...].firstIndex(of: "`") else {
                    throw fail("this backtick is not closed: write `Column name` with a backtick on each side", start..<start + 1)
                }
                tokens.append(Token(kind: .quotedName(String(characters[(index + 1)..<close])), range: start..<close + 1))
                index = close + 1
                continue
            }
            if let closing = ["\"": "\"", "'": "'", "«": "»", "“": "”"][character] {
                guard let close = characters[(index + 1)...].firstIndex(of: Character(closing)) else {
                    throw fail("this quote is not closed", start..<start + 1)
                }
                let text = String(characters[(index + 1)..<close]).trimmingCharacters(in: .whitespaces)
                tokens.append(Token(kind: .text(text), range: start..<close + 1))
                index = close + 1
                continue
            }
            if character.isNumber, character.isASCII, !Self.isWordStartingWithDigits(characters, from: index) {
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber || "/-.".contains(characters[end]) {
                    // A dash or dot ends a number unless a digit follows (`today - 30`, `1.5`).
                    if characters[end] == "-" || characters[end] == "." || characters[end] == "/",
                       !(end + 1 < characters.count && characters[end + 1].isNumber) { break }
                    end += 1
                }
                let text = String(characters[index..<end])
                if text.contains("/") || text.filter({ $0 == "-" }).count == 2 {
                    guard let date = CivilDate.parse(text) else {
                        throw fail("\(text) is not a date: write 2026-11-22 or 22/11/2026 (a day that exists)", start..<end)
                    }
                    tokens.append(Token(kind: .date(date), range: start..<end))
                } else if let number = Double(text) {
                    tokens.append(Token(kind: .number(number), range: start..<end))
                } else {
                    throw fail("\(text) is neither a number nor a date", start..<end)
                }
                index = end
                continue
            }
            if character.isLetter || character == "_" || character.isNumber {
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "." {
                    end += 1
                }
                tokens.append(Token(kind: .word(String(characters[index..<end])), range: start..<end))
                index = end
                continue
            }
            let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
            if ["!=", "<>", "<=", ">=", "=="].contains(two) {
                tokens.append(Token(kind: .symbol(two == "<>" ? "!=" : two == "==" ? "=" : two), range: start..<start + 2))
                index += 2
                continue
            }
            if "=<>()[],+-".contains(character) {
                tokens.append(Token(kind: .symbol(String(character)), range: start..<start + 1))
                index += 1
                continue
            }
            throw fail("\"\(character)\" has no meaning here", start..<start + 1)
        }
        tokens.append(Token(kind: .end, range: characters.count..<characters.count + 1))
    }

    /// `2A`, `2B`: digits followed by letters make a word (a value), not a number.
    private static func isWordStartingWithDigits(_ characters: [Character], from start: Int) -> Bool {
        var index = start
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        return index < characters.count && (characters[index].isLetter || characters[index] == "_")
    }

    // MARK: - Grammar

    private var current: Token { tokens[position] }

    private func error(_ message: String, at token: Token? = nil) -> ExpressionError {
        ExpressionError(.syntax, expression: source, range: (token ?? current).range, message: message)
    }

    private mutating func advance() { position += 1 }

    private mutating func accept(keyword: String) -> Bool {
        if current.keyword == keyword {
            advance()
            return true
        }
        return false
    }

    private mutating func accept(symbol: String) -> Bool {
        if current.kind == .symbol(symbol) {
            advance()
            return true
        }
        return false
    }

    private mutating func expect(keyword: String, _ message: String) throws {
        guard accept(keyword: keyword) else { throw error(message + ", found \(current.shown)") }
    }

    // or := and ("or" and)*
    private mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while accept(keyword: "or") { left = .or(left, try parseAnd()) }
        return left
    }

    // and := not ("and" not)*
    private mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while accept(keyword: "and") { left = .and(left, try parseNot()) }
        return left
    }

    // not := "not" not | "(" or ")" | condition
    private mutating func parseNot() throws -> Expression {
        if accept(keyword: "not") { return .not(try parseNot()) }
        if current.kind == .symbol("(") {
            let open = current
            advance()
            let inner = try parseOr()
            guard accept(symbol: ")") else {
                throw error("expected \")\" to close the \"(\" opened here", at: open)
            }
            return inner
        }
        return try parseCondition()
    }

    private mutating func parseCondition() throws -> Expression {
        let left = try parseOperand()
        if let comparison = comparisonSymbol() {
            advance()
            return .compare(left, comparison, try parseOperand())
        }
        switch current.keyword {
        case "in":
            advance()
            return .member(left, try parseList(), negated: false)
        case "contains":
            advance()
            return .contains(left, try parseOperand())
        case "starts":
            advance()
            try expect(keyword: "with", "expected \"with\" after \"starts\" (X starts with \"Le\")")
            return .startsWith(left, try parseOperand())
        case "is":
            advance()
            let negated = accept(keyword: "not")
            let written = negated ? "is not" : "is"
            try expect(keyword: "empty", "expected \"empty\" after \"\(written)\" (X is empty, X is not empty)")
            return .isEmpty(left, negated: negated)
        case "between":
            advance()
            return try parseBetween(left, negated: false)
        case "not":
            advance()
            if accept(keyword: "in") { return .member(left, try parseList(), negated: true) }
            if accept(keyword: "between") { return try parseBetween(left, negated: true) }
            if accept(keyword: "contains") { return .not(.contains(left, try parseOperand())) }
            throw error("expected \"in\", \"between\" or \"contains\" after \"not\", found \(current.shown)")
        default:
            throw error("expected a comparison (= != < <= > >=), \"in\", \"contains\", \"starts with\", \"is empty\" or \"between\" after \(describe(left)), found \(current.shown)")
        }
    }

    private mutating func parseBetween(_ left: Operand, negated: Bool) throws -> Expression {
        let low = try parseOperand()
        try expect(keyword: "and", "expected \"and\" between the two bounds (X between 18 and 30)")
        return .between(left, low, try parseOperand(), negated: negated)
    }

    private func comparisonSymbol() -> Comparison? {
        if case .symbol(let symbol) = current.kind { return Comparison(rawValue: symbol) }
        return nil
    }

    private mutating func parseList() throws -> [Operand] {
        guard accept(symbol: "[") || accept(symbol: "(") else {
            throw error("expected a list in brackets after \"in\": [22, 29, 35]")
        }
        var items: [Operand] = []
        repeat {
            items.append(try parseOperand())
        } while accept(symbol: ",")
        guard accept(symbol: "]") || accept(symbol: ")") else {
            throw error("expected \",\" or \"]\" in the list, found \(current.shown)")
        }
        return items
    }

    // operand := name | function(name) | text | number | date | today [(+|-) number unit] | - number
    private mutating func parseOperand() throws -> Operand {
        let token = current
        switch token.kind {
        case .quotedName(let name):
            advance()
            return Operand(value: .name(name), range: token.range)
        case .text(let text):
            advance()
            return Operand(value: .text(text), range: token.range)
        case .number(let number):
            advance()
            return Operand(value: .number(number), range: token.range)
        case .date(let date):
            advance()
            return Operand(value: .date(date), range: token.range)
        case .symbol("-"):
            advance()
            guard case .number(let number) = current.kind else { throw error("expected a number after \"-\"") }
            let range = token.range.lowerBound..<current.range.upperBound
            advance()
            return Operand(value: .number(-number), range: range)
        case .word(let word):
            let lowered = word.lowercased()
            if lowered == "today" {
                advance()
                return try parseTodayOffset(from: token)
            }
            if Self.keywords.contains(lowered) {
                throw error("expected a column, a value or \"not\", found \(token.shown)")
            }
            advance()
            if accept(symbol: "(") {
                let argument = current
                let name: String
                switch argument.kind {
                case .word(let word): name = word
                case .quotedName(let quoted): name = quoted
                default: throw error("expected a column name inside \(word)(...)")
                }
                advance()
                guard accept(symbol: ")") else { throw error("expected \")\" after \(word)(\(name)") }
                return Operand(value: .function(lowered, argument: name), range: token.range.lowerBound..<tokens[position - 1].range.upperBound)
            }
            return Operand(value: .name(word), range: token.range)
        default:
            throw error("expected a column, a value or \"not\", found \(token.shown)")
        }
    }

    private mutating func parseTodayOffset(from token: Token) throws -> Operand {
        var sign = 0
        if current.kind == .symbol("+") { sign = 1 } else if current.kind == .symbol("-") { sign = -1 }
        guard sign != 0 else { return Operand(value: .today(offset: 0, unit: .days), range: token.range) }
        advance()
        guard case .number(let amount) = current.kind, amount == amount.rounded() else {
            throw error("expected a whole number after \"today \(sign > 0 ? "+" : "-")\" (today - 30 days)")
        }
        advance()
        let unitToken = current
        let units: [String: DateUnit] = [
            "day": .days, "days": .days, "jour": .days, "jours": .days, "week": .weeks, "weeks": .weeks,
            "semaine": .weeks, "semaines": .weeks, "month": .months, "months": .months, "mois": .months,
            "year": .years, "years": .years, "an": .years, "ans": .years, "année": .years, "années": .years,
        ]
        guard let keyword = unitToken.keyword, let unit = units[keyword] else {
            throw error("expected a unit after the number: days, weeks, months or years (today - 30 days)")
        }
        advance()
        return Operand(value: .today(offset: sign * Int(amount), unit: unit), range: token.range.lowerBound..<unitToken.range.upperBound)
    }

    private func describe(_ operand: Operand) -> String {
        String(Array(source)[operand.range])
    }
}
