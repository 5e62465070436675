import TextoCore

extension ExpressionParser {
    mutating func tokenize() throws {
        let characters = Array(source)
        var index = 0
        func fail(_ message: String, _ range: Range<Int>) -> ExpressionError {
            ExpressionError(.syntax, text: source, range: range, message: message)
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
    static func isWordStartingWithDigits(_ characters: [Character], from start: Int) -> Bool {
        var index = start
        while index < characters.count, characters[index].isASCII, characters[index].isNumber { index += 1 }
        return index < characters.count && (characters[index].isLetter || characters[index] == "_")
    }
}
