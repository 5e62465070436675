import TextoCore

/// The grammar, by descending precedence: or, and, not, comparison.
extension ExpressionParser {

    var current: Token { tokens[position] }

    func error(_ message: String, at token: Token? = nil) -> ExpressionError {
        ExpressionError(.syntax, text: source, range: (token ?? current).range, message: message)
    }

    mutating func advance() { position += 1 }

    mutating func accept(keyword: String) -> Bool {
        if current.keyword == keyword {
            advance()
            return true
        }
        return false
    }

    mutating func accept(symbol: String) -> Bool {
        if current.kind == .symbol(symbol) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(keyword: String, _ message: String) throws {
        guard accept(keyword: keyword) else { throw error(message + ", found \(current.shown)") }
    }

    // or := and ("or" and)*
    mutating func parseOr() throws -> Expression {
        var left = try parseAnd()
        while accept(keyword: "or") { left = .or(left, try parseAnd()) }
        return left
    }

    // and := not ("and" not)*
    mutating func parseAnd() throws -> Expression {
        var left = try parseNot()
        while accept(keyword: "and") { left = .and(left, try parseNot()) }
        return left
    }

    // not := "not" not | "(" or ")" | condition
    mutating func parseNot() throws -> Expression {
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

    mutating func parseCondition() throws -> Expression {
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

    mutating func parseBetween(_ left: Operand, negated: Bool) throws -> Expression {
        let low = try parseOperand()
        try expect(keyword: "and", "expected \"and\" between the two bounds (X between 18 and 30)")
        return .between(left, low, try parseOperand(), negated: negated)
    }

    func comparisonSymbol() -> Comparison? {
        if case .symbol(let symbol) = current.kind { return Comparison(rawValue: symbol) }
        return nil
    }

    mutating func parseList() throws -> [Operand] {
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
    mutating func parseOperand() throws -> Operand {
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

    mutating func parseTodayOffset(from token: Token) throws -> Operand {
        var sign = 0
        if current.kind == .symbol("+") { sign = 1 } else if current.kind == .symbol("-") { sign = -1 }
        guard sign != 0 else { return Operand(value: .today(offset: 0, unit: .days), range: token.range) }
        advance()
        // Bounded so that the date stays computable: a million days is 2,700 years.
        guard case .number(let amount) = current.kind, amount == amount.rounded(), amount <= 1_000_000 else {
            throw error("expected a whole number up to 1000000 after \"today \(sign > 0 ? "+" : "-")\" (today - 30 days)")
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

    func describe(_ operand: Operand) -> String {
        String(Array(source)[operand.range])
    }
}
