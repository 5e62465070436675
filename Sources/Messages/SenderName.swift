/// The sender recipients see (DOMAIN.md §2): an alphanumeric name of at
/// most 11 characters, unaccented letters, digits and spaces, or a number
/// of at most 15 digits (a leading `+` allowed). Operators refuse or
/// rewrite anything else, so it is checked before a batch is written.
public struct SenderName: Sendable, Equatable {
    /// The sender as it goes into the batch files.
    public let text: String
    /// Set when the name is valid but discouraged (spaces, which some
    /// operators drop): a sentence for a warning.
    public let warning: String?

    /// Why a sender cannot be used: a sentence naming the rule it breaks.
    public struct Problem: Error, Equatable, Sendable {
        public var detail: String
    }

    /// Checks `text`.
    public init(_ text: String) throws(Problem) {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, !text.allSatisfy({ $0 == " " }) else {
            throw Problem(detail: "the sender is empty")
        }
        let digits = scalars.first == "+" ? scalars.dropFirst() : scalars[...]
        if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) {
            guard digits.count <= 15 else {
                throw Problem(detail: "the numeric sender \"\(text)\" has \(digits.count) digits; at most 15 are allowed")
            }
            self.text = text
            warning = nil
            return
        }
        if let bad = scalars.first(where: { !Self.isAllowed($0) }) {
            throw Problem(detail: "the sender \"\(text)\" contains \"\(Character(bad))\": only letters without accents, digits and spaces are allowed")
        }
        guard scalars.count <= 11 else {
            throw Problem(detail: "the sender \"\(text)\" has \(scalars.count) characters; at most 11 are allowed")
        }
        self.text = text
        warning = scalars.contains(" ")
            ? "the sender \"\(text)\" contains spaces, which some operators remove or refuse; prefer a name without spaces"
            : nil
    }

    /// An unaccented ASCII letter, a digit or a space.
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == " "
    }
}
