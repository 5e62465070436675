import TextoCore

/// Reads an expression into its tree.
struct ExpressionParser {
    struct Token: Equatable {
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

    let source: String
    var tokens: [Token] = []
    var position = 0

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

    init(source: String) {
        self.source = source
    }
}
