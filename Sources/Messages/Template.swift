import TextoCore
import Tables

/// A message template as users write it in the tools they know (seed 000:
/// "Bonjour $PRENOM$, ..."): `$FIELD$` inserts a column of the recipient's
/// row, `$FIELD|default$` a default when it is empty, `$$` a dollar sign,
/// and `$FIELD:dd/MM$` formats a date (ISO dates from the import render as
/// `22/11/2026` unless a format is given).
public struct Template: Sendable, Equatable {
    /// A piece of the template.
    package enum Piece: Sendable, Equatable {
        case literal(String)
        /// A field by name as written, with its default and date format, and
        /// where it was written (character offsets).
        case field(name: String, fallback: String?, format: String?, range: Range<Int>)
    }

    public let source: String
    package let pieces: [Piece]

    /// The fields the template names, in order of first appearance.
    package var fieldNames: [String] {
        var seen: [String] = []
        for case .field(let name, _, _, _) in pieces where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// Parses `source`; throws `TemplateError` for an unclosed `$` or an
    /// empty field name.
    package init(_ source: String) throws {
        self.source = source
        var pieces: [Piece] = []
        let characters = Array(source)
        var literal = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "$" else {
                literal.append(character)
                index += 1
                continue
            }
            if index + 1 < characters.count, characters[index + 1] == "$" {
                literal.append("$")
                index += 2
                continue
            }
            guard let close = characters[(index + 1)...].firstIndex(of: "$") else {
                throw TemplateError(.syntax, text: source, range: index..<index + 1,
                                    message: "this $ opens a field that is never closed: write $PRENOM$, or $$ for a dollar sign")
            }
            let body = String(characters[(index + 1)..<close])
            if body.contains("\n") {
                throw TemplateError(.syntax, text: source, range: index..<index + 1,
                                    message: "this $ opens a field that is never closed on its line: write $PRENOM$, or $$ for a dollar sign")
            }
            var name = body
            var fallback: String?
            var format: String?
            if let bar = name.firstIndex(of: "|") {
                fallback = String(name[name.index(after: bar)...])
                name = String(name[..<bar])
            }
            if let colon = name.firstIndex(of: ":") {
                format = String(name[name.index(after: colon)...])
                name = String(name[..<colon])
            }
            name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw TemplateError(.syntax, text: source, range: index..<close + 1, message: "a field needs a name: $PRENOM$")
            }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = ""
            }
            pieces.append(.field(name: name, fallback: fallback, format: format, range: index..<close + 1))
            index = close + 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }
}

/// A template that cannot be used, with the place to show.
public typealias TemplateError = TypedTextError<TemplateErrorCode>

public enum TemplateErrorCode: String, TypedTextErrorCode {
    /// A `$` that opens a field never closes, or a field without a name.
    case syntax
    /// A field names a column the file does not have.
    case unknownField

    public static let option = "--template"
    public static let subject = "the template"
    public var category: ErrorCategory { .usage }
}

import Foundation
