import Foundation

/// Tells an opt-out reply from any other (DOMAIN.md §5): the reply, once
/// case, accents and the punctuation and spaces around it are set aside,
/// is one of the keywords, alone or followed by a number (people copy the
/// mention: `STOP 36035`). A sentence that merely contains one (`Stop à la
/// pluie, vivement samedi`) is not an opt-out: Mautic honoured only
/// "stop" (#11333), cht-core had to tell "STOP" from "STOP 12345" (#476).
public struct OptOutWords: Sendable {
    /// The keywords, folded (upper case, no accents, single spaces).
    public let keywords: Set<String>

    /// STOP, STOP SMS, STOPALL, ARRET (and ARRÊT), UNSUBSCRIBE.
    public static let standard = OptOutWords(["STOP", "STOP SMS", "STOPALL", "ARRET", "UNSUBSCRIBE"])

    public init(_ keywords: [String]) {
        self.keywords = Set(keywords.map(Self.fold).filter { !$0.isEmpty })
    }

    /// True when `reply` is an opt-out.
    public func isOptOut(_ reply: String) -> Bool {
        let folded = Self.fold(reply)
        if keywords.contains(folded) { return true }
        // A keyword followed by a number (the short code).
        guard let space = folded.lastIndex(of: " ") else { return false }
        let tail = folded[folded.index(after: space)...]
        return !tail.isEmpty && tail.allSatisfy(\.isNumber) && keywords.contains(String(folded[..<space]))
    }

    /// Upper case, without accents, punctuation and symbols at either end,
    /// runs of white space as one space.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).uppercased()
        let words = folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        // Punctuation, symbols (emoji too), marks and spaces at either end.
        func isEdge(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy { scalar in
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter,
                     .decimalNumber, .letterNumber, .otherNumber:
                    return false
                default:
                    return true
                }
            }
        }
        return String(words.drop(while: isEdge).reversed().drop(while: isEdge).reversed())
    }
}
