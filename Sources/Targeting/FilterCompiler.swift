import Foundation
import TextoCore
import Tables

/// Turns an expression tree into a closure over rows: names resolved,
/// types checked against the sample, values parsed once.
struct FilterCompiler {
    let source: String
    let header: [String]
    let sample: [[String]]
    let today: CivilDate

    init(source: String, header: [String], sample: [[String]], today: CivilDate) {
        self.source = source
        self.header = header
        self.sample = sample
        self.today = today
    }

    // MARK: - Expressions

    mutating func compile(_ expression: Expression) throws -> (Row) -> Filter.Outcome {
        switch expression {
        case .and(let left, let right):
            let l = try compile(left), r = try compile(right)
            return { row in
                switch l(row) {
                case .fail: return .fail
                case .pass: return r(row)
                case .unreadable(let column): return r(row) == .fail ? .fail : .unreadable(column)
                }
            }
        case .or(let left, let right):
            let l = try compile(left), r = try compile(right)
            return { row in
                switch l(row) {
                case .pass: return .pass
                case .fail: return r(row)
                case .unreadable(let column): return r(row) == .pass ? .pass : .unreadable(column)
                }
            }
        case .not(let inner):
            return Self.negate(try compile(inner))
        case .compare(let left, let comparison, let right):
            return try compare(left, [right], comparison: comparison)
        case .member(let left, let items, let negated):
            let test = try compare(left, items, comparison: .equal)
            return negated ? Self.negate(test) : test
        case .between(let value, let low, let high, let negated):
            let lower = try compare(value, [low], comparison: .greaterOrEqual)
            let upper = try compare(value, [high], comparison: .lessOrEqual)
            let test: (Row) -> Filter.Outcome = { row in
                let first = lower(row)
                if first == .fail { return .fail }
                let second = upper(row)
                if case .unreadable = first { return second == .fail ? .fail : first }
                return second
            }
            return negated ? Self.negate(test) : test
        case .contains(let left, let right):
            return try textTest(left, right) { value, needle in needle.isEmpty || value.firstRange(of: needle) != nil }
        case .startsWith(let left, let right):
            return try textTest(left, right) { value, prefix in value.starts(with: prefix) }
        case .isEmpty(let operand, let negated):
            guard case .name(let name) = operand.value, let index = column(name) else {
                throw error("\"is empty\" applies to a column", operand)
            }
            return { row in
                let empty = row[index].allSatisfy { $0 == 0x20 || $0 == 0x09 }
                return empty != negated ? .pass : .fail
            }
        }
    }

    static func negate(_ test: @escaping (Row) -> Filter.Outcome) -> (Row) -> Filter.Outcome {
        { row in
            switch test(row) {
            case .pass: return .fail
            case .fail: return .pass
            case .unreadable(let column): return .unreadable(column)
            }
        }
    }
}
