import Foundation

/// A value bound to a statement's `?`, or read from a row.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// What may be bound to a `?`: text, integers, reals, booleans (0 or 1, as
/// the schema stores them on both backends), and their optionals (NULL).
package protocol SQLArgument {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLArgument {
    package var sqlValue: SQLValue { self }
}

extension String: SQLArgument {
    package var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLArgument {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLArgument {
    package var sqlValue: SQLValue { .integer(self) }
}

extension Int32: SQLArgument {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLArgument {
    package var sqlValue: SQLValue { .real(self) }
}

extension Bool: SQLArgument {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// The current row of a query, valid only during the call that gives it.
/// Columns count from 0.
package protocol SQLRow {
    var columnCount: Int { get }
    func isNull(_ column: Int) -> Bool
    /// The column's bytes as text (empty for NULL), valid until the next row.
    func bytes(_ column: Int) -> UnsafeRawBufferPointer
    /// The column as an integer (0 for NULL); PostgreSQL's booleans are 1 and 0.
    func integer(_ column: Int) -> Int64
    /// The column as a real (0 for NULL).
    func real(_ column: Int) -> Double
    /// The column as SQLite or PostgreSQL typed it.
    func value(_ column: Int) -> SQLValue
    /// The column's name (its `AS`).
    func name(_ column: Int) -> String
}

extension SQLRow {
    func text(_ column: Int) -> String? {
        isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self)
    }

    /// The row's values, kept after the row is gone.
    var values: StoredRow { StoredRow(values: (0..<columnCount).map(value), names: (0..<columnCount).map(name)) }

    /// The same, with the names of the query's columns (one copy for all its rows).
    func values(names: [String]) -> StoredRow { StoredRow(values: (0..<columnCount).map(value), names: names) }
}

/// A row copied out of a query, read by column with the type asked for:
/// `let name: String = row[0]`, `let code: String? = row[1]`.
package struct StoredRow: Sendable, Equatable {
    package var values: [SQLValue]
    /// The columns' names, in order.
    package var names: [String]

    package subscript<Value: SQLColumn>(_ column: Int) -> Value {
        Value.decode(values[column])
    }

    /// The column named `name` (its `AS`, or the column's own name).
    package subscript<Value: SQLColumn>(_ name: String) -> Value {
        guard let column = names.firstIndex(of: name) else { preconditionFailure("no column \(name) in \(names)") }
        return Value.decode(values[column])
    }
}

/// A Swift type a column converts to. A NULL in a column read as a
/// non-optional type is a programming error (the schema says NOT NULL, or
/// the query forgot `coalesce`), as in GRDB.
package protocol SQLColumn {
    static func decode(_ value: SQLValue) -> Self
}

extension SQLValue: SQLColumn {
    package static func decode(_ value: SQLValue) -> SQLValue { value }
}

extension String: SQLColumn {
    package static func decode(_ value: SQLValue) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .null: preconditionFailure("NULL read as String")
        }
    }
}

extension Int64: SQLColumn {
    package static func decode(_ value: SQLValue) -> Int64 {
        switch value {
        case .integer(let number): return number
        case .real(let number): return Int64(number)
        // PostgreSQL's text results: numbers, numerics (`sum`), booleans.
        case .text(let text): return Int64(text) ?? (text == "t" ? 1 : text == "f" ? 0 : Double(text).map { Int64($0) } ?? 0)
        case .null: preconditionFailure("NULL read as an integer")
        }
    }
}

extension Int: SQLColumn {
    package static func decode(_ value: SQLValue) -> Int { Int(Int64.decode(value)) }
}

extension Int32: SQLColumn {
    package static func decode(_ value: SQLValue) -> Int32 { Int32(truncatingIfNeeded: Int64.decode(value)) }
}

extension Bool: SQLColumn {
    package static func decode(_ value: SQLValue) -> Bool { Int64.decode(value) != 0 }
}

extension Double: SQLColumn {
    package static func decode(_ value: SQLValue) -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        case .text(let text): return Double(text) ?? 0
        case .null: preconditionFailure("NULL read as a real")
        }
    }
}

extension Optional: SQLColumn where Wrapped: SQLColumn {
    package static func decode(_ value: SQLValue) -> Wrapped? {
        value == .null ? nil : Wrapped.decode(value)
    }
}
