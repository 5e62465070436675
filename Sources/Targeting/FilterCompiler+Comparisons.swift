import Foundation
import TextoCore
import Tables

extension FilterCompiler {
    /// `left comparison right` for one right operand, or `left in [...]`
    /// (equal to any) for several.
    mutating func compare(_ left: Operand, _ rights: [Operand], comparison: Comparison) throws -> (Row) -> Filter.Outcome {
        let leftType = try type(of: left, requireName: true)
        let rightTypes = try rights.map { try type(of: $0, requireName: false) }
        // Dates compare as dates. Otherwise an order (< > between) compares
        // numbers when one side is a number; equality compares numbers only
        // when every side is one (`departement in [22, 29]` compares text:
        // Corsica is 2A).
        let all = [leftType] + rightTypes
        let isOrdering = comparison != .equal && comparison != .notEqual
        let mode: ValueType = all.contains(.date) ? .date
            : (isOrdering ? all.contains(.number) : all.allSatisfy { $0 == .number }) ? .number : .text
        for (operand, type) in zip([left] + rights, all) where !isCompatible(operand, type, with: mode) {
            let other = operand == left ? rights[0] : left
            throw error(mismatch(operand, type, against: other, mode), operand)
        }
        switch mode {
        case .date:
            let l = try dateReader(left)
            let rs = try rights.map { try dateReader($0) }
            return Self.ordered(l, rs, comparison) { $0.days < $1.days }
        case .number:
            let l = try numberReader(left)
            let rs = try rights.map { try numberReader($0) }
            return Self.ordered(l, rs, comparison) { $0 < $1 }
        case .text:
            if isOrdering {
                let l = try textReader(left)
                let rs = try rights.map { try textReader($0) }
                return Self.ordered(l, rs, comparison) { $0.lexicographicallyPrecedes($1) }
            }
            let l = try textReader(left)
            let rs = try rights.map { try textReader($0) }
            return { row in
                let value: [UInt8]
                switch l(row).text {
                case .success(let text): value = text
                case .failure(let column): return .unreadable(column.name)
                }
                var equal = false
                for reader in rs {
                    if case .value(let text) = reader(row), text == value { equal = true; break }
                    if case .empty = reader(row), value.isEmpty { equal = true; break }
                }
                return equal == (comparison == .equal) ? .pass : .fail
            }
        }
    }

    /// A comparison of values that have an order; an empty value makes
    /// every comparison false but `!=`.
    static func ordered<Value: Equatable>(
        _ left: @escaping (Row) -> Read<Value>, _ rights: [(Row) -> Read<Value>], _ comparison: Comparison,
        _ less: @escaping (Value, Value) -> Bool
    ) -> (Row) -> Filter.Outcome {
        { row in
            let value: Value
            switch left(row) {
            case .value(let read): value = read
            case .empty: return comparison == .notEqual ? .pass : .fail
            case .unreadable(let column): return .unreadable(column)
            }
            var anyEqual = false
            for right in rights {
                let other: Value
                switch right(row) {
                case .value(let read): other = read
                case .empty: continue
                case .unreadable(let column): return .unreadable(column)
                }
                let result: Bool
                switch comparison {
                case .equal: result = value == other
                case .notEqual: result = value != other
                case .less: result = less(value, other)
                case .lessOrEqual: result = !less(other, value)
                case .greater: result = less(other, value)
                case .greaterOrEqual: result = !less(value, other)
                }
                if comparison == .notEqual {
                    if !result { return .fail }
                } else if result {
                    anyEqual = true
                    break
                }
            }
            if comparison == .notEqual { return .pass }
            return anyEqual ? .pass : .fail
        }
    }

    mutating func textTest(_ left: Operand, _ right: Operand, _ test: @escaping ([UInt8], [UInt8]) -> Bool) throws -> (Row) -> Filter.Outcome {
        _ = try type(of: left, requireName: true)
        _ = try type(of: right, requireName: false)
        let l = try textReader(left), r = try textReader(right)
        return { row in
            let value: [UInt8]
            switch l(row).text {
            case .success(let text): value = text
            case .failure(let column): return .unreadable(column.name)
            }
            guard case .value(let needle) = r(row) else { return .fail }
            return test(value, needle) ? .pass : .fail
        }
    }
}

/// The column a value could not be read from.
struct UnreadableColumn: Error {
    var name: String
}

extension Read where Value == [UInt8] {
    /// The text, empty for an empty cell, or the column that could not be read.
    var text: Result<[UInt8], UnreadableColumn> {
        switch self {
        case .value(let text): return .success(text)
        case .empty: return .success([])
        case .unreadable(let column): return .failure(UnreadableColumn(name: column))
        }
    }
}
