import TextoCore
import Tables

/// A template whose fields are resolved to a file's columns, ready to
/// render each row.
public struct BoundTemplate: Sendable {
    public enum EmptyPolicy: String, Sendable, CaseIterable {
        /// A field empty for a row, without a default, keeps the row out (`empty_field:NAME`).
        case skip
        /// Such a field renders as nothing.
        case blank
    }

    /// A field resolved to a column.
    public struct Field: Sendable {
        /// The column index and its header.
        public var column: Int
        public var header: String
        package var fallback: String?
        public var format: String?
    }

    enum Part: Sendable {
        case literal([UInt8])
        case field(Int)  // index into `fields`
    }

    public let template: Template
    public let fields: [Field]
    let parts: [Part]

    /// Resolves every field of `template` among `header`: names match
    /// without case, accents or spaces (then without `_`, and singular for
    /// plural: `$CIVILITES$` finds `CIVILITE`). An unknown field is an error
    /// that lists the known ones.
    public init(_ template: Template, header: [String]) throws {
        self.template = template
        var fields: [Field] = []
        var parts: [Part] = []
        for piece in template.pieces {
            switch piece {
            case .literal(let text):
                parts.append(.literal(Array(text.utf8)))
            case .field(let name, let fallback, let format, let range):
                guard let column = Self.find(name, in: header) else {
                    let known = header.filter { !$0.hasPrefix("_") && !$0.isEmpty }.map { "$\($0)$" }.joined(separator: " ")
                    throw TemplateError(.unknownField, text: template.source, range: range,
                                        message: "there is no column \(name) in the file. Its fields: \(known)")
                }
                fields.append(Field(column: column, header: header[column], fallback: fallback, format: format))
                parts.append(.field(fields.count - 1))
            }
        }
        self.fields = fields
        self.parts = parts
    }

    static func find(_ name: String, in header: [String]) -> Int? {
        if let index = ColumnKey.find(name, in: header) { return index }
        func singular(_ key: String) -> String { key.hasSuffix("s") ? String(key.dropLast()) : key }
        let wanted = singular(ColumnKey.loose(name))
        let matches = header.indices.filter { singular(ColumnKey.loose(header[$0])) == wanted }
        return matches.count == 1 ? matches[0] : nil
    }

    /// What a row makes of the template.
    public enum Rendering: Equatable {
        case text(String)
        /// A field is empty and has no default (with `EmptyPolicy.skip`).
        case emptyField(String)
    }

    /// Renders `row`. `lengths` receives each field's rendered length in
    /// characters (for the extra-SMS analysis).
    public func render(_ row: Row, onEmpty: EmptyPolicy, lengths: inout [Int]) -> Rendering {
        var bytes: [UInt8] = []
        if let empty = render(row, onEmpty: onEmpty, into: &bytes, lengths: &lengths) { return .emptyField(empty) }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    /// Renders `row` as UTF-8 into `bytes` (cleared first), without making
    /// a `String` unless a date needs formatting. Returns the header of a
    /// field that is empty without a default (with `.skip`), else nil.
    public func render(_ row: Row, onEmpty: EmptyPolicy, into bytes: inout [UInt8], lengths: inout [Int]) -> String? {
        bytes.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        for part in parts {
            switch part {
            case .literal(let literal):
                bytes.append(contentsOf: literal)
            case .field(let index):
                let field = fields[index]
                let cell = Self.trimmed(row[field.column])
                let start = bytes.count
                if cell.isEmpty {
                    if let fallback = field.fallback {
                        bytes.append(contentsOf: fallback.utf8)
                    } else if onEmpty == .skip {
                        return field.header
                    }
                } else if Self.mayBeISO(cell), let formatted = DateFormat.format(String(decoding: cell, as: UTF8.self), pattern: field.format) {
                    bytes.append(contentsOf: formatted.utf8)
                } else {
                    bytes.append(contentsOf: cell)
                }
                var characters = 0
                for byte in bytes[start...] where byte & 0xC0 != 0x80 { characters += 1 }
                lengths.append(characters)
            }
        }
        return nil
    }

    /// The length and dashes of an ISO date (`2026-11-22`, `2026-11-22T10:30:00`).
    @inline(__always)
    static func mayBeISO(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        (cell.count == 10 || (cell.count >= 16 && cell.count <= 25)) && cell[4] == UInt8(ascii: "-")
            && cell[0] &- UInt8(ascii: "0") < 10 && cell[3] &- UInt8(ascii: "0") < 10
    }

    /// The template with every field at its default (or empty): what the
    /// message costs before any personal data.
    package var skeleton: String {
        parts.map { part in
            switch part {
            case .literal(let literal): return String(decoding: literal, as: UTF8.self)
            case .field(let index): return fields[index].fallback ?? ""
            }
        }.joined()
    }

    private static func trimmed(_ cell: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = cell.count
        while start < end, cell[start] == 0x20 || cell[start] == 0x09 { start += 1 }
        while end > start, cell[end - 1] == 0x20 || cell[end - 1] == 0x09 { end -= 1 }
        return start == end ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(rebasing: cell[start..<end])
    }
}
