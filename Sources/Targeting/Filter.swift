import TextoCore
import Tables

/// A `--where` expression checked against a file's columns and compiled to
/// run on each row without allocating.
///
/// Before any row is kept or excluded: names are resolved (columns matched
/// without case, accents or spaces; derived fields; a bare word on the right
/// of a comparison is text, so `AUTORISE_SMS = oui` works), and types are
/// checked against what a sample of rows holds, so that comparing a date
/// column with a number is an error, not a silent empty audience.
public final class Filter {
    /// What a row makes of the expression.
    public enum Outcome: Equatable, Sendable {
        case pass
        case fail
        /// A value the expression needed could not be read (a birth date
        /// `31/02/1980`): the column's name.
        case unreadable(String)
    }

    private let test: (Row) -> Outcome

    /// Compiles `expression` for a file whose header is `header`, whose first
    /// rows are `sample`, on the run date `today`.
    public init(_ expression: String, header: [String], sample: [[String]], today: CivilDate, allowEmpty: Bool = false) throws {
        if allowEmpty, expression.allSatisfy(\.isWhitespace) {
            test = { _ in .pass }
            return
        }
        let tree = try ExpressionParser.parse(expression)
        var compiler = FilterCompiler(source: expression, header: header, sample: sample, today: today)
        test = try compiler.compile(tree)
    }

    /// Evaluates the expression on `row`.
    @inline(__always)
    public func evaluate(_ row: Row) -> Outcome { test(row) }
}

/// The type a value has for comparisons.
enum ValueType: String {
    case text, number, date
}

/// A value read from a row for one comparison.
enum Read<Value> {
    case value(Value)
    case empty
    case unreadable(String)
}

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

    private static func negate(_ test: @escaping (Row) -> Filter.Outcome) -> (Row) -> Filter.Outcome {
        { row in
            switch test(row) {
            case .pass: return .fail
            case .fail: return .pass
            case .unreadable(let column): return .unreadable(column)
            }
        }
    }

    // MARK: - Comparisons

    /// `left comparison right` for one right operand, or `left in [...]`
    /// (equal to any) for several.
    private mutating func compare(_ left: Operand, _ rights: [Operand], comparison: Comparison) throws -> (Row) -> Filter.Outcome {
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
                switch l(row) {
                case .value(let text): value = text
                case .empty: value = []
                case .unreadable(let column): return .unreadable(column)
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
    private static func ordered<Value: Equatable>(
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

    private mutating func textTest(_ left: Operand, _ right: Operand, _ test: @escaping ([UInt8], [UInt8]) -> Bool) throws -> (Row) -> Filter.Outcome {
        _ = try type(of: left, requireName: true)
        _ = try type(of: right, requireName: false)
        let l = try textReader(left), r = try textReader(right)
        return { row in
            let value: [UInt8]
            switch l(row) {
            case .value(let text): value = text
            case .empty: value = []
            case .unreadable(let column): return .unreadable(column)
            }
            guard case .value(let needle) = r(row) else { return .fail }
            return test(value, needle) ? .pass : .fail
        }
    }

    // MARK: - Names and types

    /// The index of the column `name` designates, if any.
    private func column(_ name: String) -> Int? {
        ColumnKey.find(name, in: header)
    }

    /// The first column whose header is one of `candidates` (loose keys).
    private func findColumn(_ candidates: [String]) -> Int? {
        header.firstIndex { candidates.contains(ColumnKey.loose($0)) }
    }

    /// Derived fields by the keys of their names.
    private static let derived: [String: ValueType] = [
        "age": .number, "departement": .text, "dept": .text, "daysuntilbirthday": .number, "days_until_birthday": .number,
    ]

    private func derivedName(_ name: String) -> String? {
        let key = ColumnKey.of(name).replacingOccurrences(of: "_", with: "")
        switch key {
        case "age": return "age"
        case "departement", "dept", "department": return "departement"
        case "daysuntilbirthday", "joursavantanniversaire": return "days_until_birthday"
        default: return nil
        }
    }

    private mutating func type(of operand: Operand, requireName: Bool) throws -> ValueType {
        switch operand.value {
        case .text: return .text
        case .number: return .number
        case .date, .today: return .date
        case .function(let name, let argument):
            guard name == "days_since" || name == "days_until" else {
                throw error("\(name)(...) is not a function Texto knows: use days_since(COLUMN) or days_until(COLUMN)", operand, code: .unknownColumn)
            }
            guard let index = column(argument) else { throw unknownColumn(argument, operand) }
            if inferredType(index) != .date {
                throw error("\(header[index]) does not hold dates, so \(name)(\(header[index])) cannot be computed", operand, code: .typeMismatch)
            }
            return .number
        case .name(let name):
            if let index = column(name) { return inferredType(index) }
            if let derived = derivedName(name) {
                try requireSource(for: derived, operand)
                return derived == "departement" ? .text : .number
            }
            if requireName { throw unknownColumn(name, operand) }
            return .text  // a bare word on the right: `AUTORISE_SMS = oui`
        }
    }

    private func requireSource(for derived: String, _ operand: Operand) throws {
        if derived == "departement" {
            guard findColumn(DerivedFields.postalCodeColumns) != nil else {
                throw error("departement is computed from a postal code column (CODE_POSTAL, CP, Code postal...); this file has none. Its columns: \(header.joined(separator: ", "))", operand, code: .missingSource)
            }
        } else {
            guard findColumn(DerivedFields.birthDateColumns) != nil else {
                throw error("\(derived) is computed from a birth date column (DATE_NAISSANCE, Date de naissance, Né le...); this file has none. Its columns: \(header.joined(separator: ", "))", operand, code: .missingSource)
            }
        }
    }

    /// The type of column `index` from the sample: dates when most non-empty
    /// values read as dates, numbers when every one reads as a number, text
    /// otherwise (or when the sample has no value).
    private func inferredType(_ index: Int) -> ValueType {
        let values = sample.compactMap { index < $0.count ? $0[index] : nil }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !values.isEmpty else { return .text }
        // Typos (31/02/1980) do not make a date column text: most values decide.
        let dates = values.filter { CivilDate.parse($0) != nil }.count
        if dates * 2 > values.count { return .date }
        if values.allSatisfy({ Self.number($0) != nil }) { return .number }
        return .text
    }

    private func isCompatible(_ operand: Operand, _ type: ValueType, with mode: ValueType) -> Bool {
        switch (type, mode) {
        case (.date, .date), (.number, .number), (_, .text): return true
        case (.text, .date):
            if case .text(let text) = operand.value { return CivilDate.parse(text) != nil }
            return isColumnOrDerivedText(operand)
        case (.text, .number):
            if case .text(let text) = operand.value { return Self.number(text) != nil }
            return true  // a text column compared with a number: read per row
        default:
            return false
        }
    }

    private func isColumnOrDerivedText(_ operand: Operand) -> Bool {
        if case .name(let name) = operand.value, column(name) != nil { return true }
        return false
    }

    private func mismatch(_ operand: Operand, _ type: ValueType, against other: Operand, _ mode: ValueType) -> String {
        let written = String(Array(source)[operand.range])
        let otherWritten = String(Array(source)[other.range])
        if type == .number && mode == .date {
            return "\(otherWritten) holds dates and \(written) is a number: compare it with a date (2026-11-22, 22/11/2026, today - 30 days), or count days with days_since(\(otherWritten))"
        }
        if type == .text && mode == .date {
            return "\(written) is not a date: write 2026-11-22 or 22/11/2026"
        }
        return "\(written) (\(type.rawValue)) cannot be compared with \(otherWritten) (\(mode.rawValue))"
    }

    private func unknownColumn(_ name: String, _ operand: Operand) -> ExpressionError {
        let candidates = header + ["age", "departement", "days_until_birthday"]
        let suggestion = Suggestions.didYouMean(name, among: candidates, quoted: false)
        return error("there is no column \(name).\(suggestion) Columns: \(header.joined(separator: ", ")); derived: age, departement, days_until_birthday, days_since(COLUMN), days_until(COLUMN)", operand, code: .unknownColumn)
    }

    private func error(_ message: String, _ operand: Operand, code: ExpressionError.Code = .typeMismatch) -> ExpressionError {
        ExpressionError(code, expression: source, range: operand.range, message: message)
    }

    // MARK: - Readers

    private func dateReader(_ operand: Operand) throws -> (Row) -> Read<CivilDate> {
        switch operand.value {
        case .date(let date): return { _ in .value(date) }
        case .text(let text):
            let date = CivilDate.parse(text)!
            return { _ in .value(date) }
        case .today(let offset, let unit):
            let date: CivilDate
            switch unit {
            case .days: date = today.adding(days: offset)
            case .weeks: date = today.adding(days: 7 * offset)
            case .months: date = today.adding(months: offset)
            case .years: date = today.adding(months: 12 * offset)
            }
            return { _ in .value(date) }
        case .name(let name):
            guard let index = column(name) else { throw unknownColumn(name, operand) }
            let columnName = header[index]
            return { row in Self.readDate(row[index], column: columnName) }
        default:
            throw error("this is not a date", operand)
        }
    }

    static func readDate(_ cell: UnsafeBufferPointer<UInt8>, column: String) -> Read<CivilDate> {
        if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .empty }
        guard let date = CivilDate.parse(cell) else { return .unreadable(column) }
        return .value(date)
    }

    private func numberReader(_ operand: Operand) throws -> (Row) -> Read<Double> {
        switch operand.value {
        case .number(let number): return { _ in .value(number) }
        case .text(let text):
            let number = Self.number(text)!
            return { _ in .value(number) }
        case .function(let name, let argument):
            let index = column(argument)!
            let columnName = header[index]
            let today = self.today
            let sign = name == "days_since" ? -1.0 : 1.0
            return { row in
                switch Self.readDate(row[index], column: columnName) {
                case .value(let date): return .value(sign * Double(today.days(to: date)))
                case .empty: return .empty
                case .unreadable(let column): return .unreadable(column)
                }
            }
        case .name(let name):
            if let index = column(name) {
                let columnName = header[index]
                return { row in
                    if row[index].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .empty }
                    guard let number = Self.number(row[index]) else { return .unreadable(columnName) }
                    return .value(number)
                }
            }
            guard let derived = derivedName(name), derived != "departement",
                  let birth = findColumn(DerivedFields.birthDateColumns) else { throw unknownColumn(name, operand) }
            let birthName = header[birth]
            let today = self.today
            let isAge = derived == "age"
            return { row in
                switch Self.readDate(row[birth], column: birthName) {
                case .value(let date):
                    return .value(Double(isAge ? DerivedFields.age(born: date, on: today) : DerivedFields.daysUntilBirthday(born: date, on: today)))
                case .empty: return .empty
                case .unreadable(let column): return .unreadable(column)
                }
            }
        default:
            throw error("this is not a number", operand)
        }
    }

    private func textReader(_ operand: Operand) throws -> (Row) -> Read<[UInt8]> {
        switch operand.value {
        case .text(let text):
            let folded = TextFold.fold(text)
            return { _ in .value(folded) }
        case .number(let number):
            let folded = Array((number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)).utf8)
            return { _ in .value(folded) }
        case .date(let date):
            let folded = Array(date.description.utf8)
            return { _ in .value(folded) }
        case .name(let name):
            if let index = column(name) {
                return { row in
                    var folded: [UInt8] = []
                    TextFold.fold(row[index], into: &folded)
                    return folded.isEmpty ? .empty : .value(folded)
                }
            }
            if derivedName(name) == "departement", let postal = findColumn(DerivedFields.postalCodeColumns) {
                let postalName = header[postal]
                return { row in
                    if row[postal].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .empty }
                    guard let departement = DerivedFields.departement(postalCode: row[postal]) else { return .unreadable(postalName) }
                    return .value(TextFold.fold(departement))
                }
            }
            if derivedName(name) != nil {
                let reader = try numberReader(operand)
                return { row in
                    switch reader(row) {
                    case .value(let number): return .value(Array(String(Int64(number)).utf8))
                    case .empty: return .empty
                    case .unreadable(let column): return .unreadable(column)
                    }
                }
            }
            let folded = TextFold.fold(name)
            return { _ in .value(folded) }
        default:
            throw error("this value cannot be compared as text", operand)
        }
    }

    /// Reads `12`, `-3`, `12.5`, `12,5` (French decimal comma), `1 024,5`.
    static func number(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { number($0) }
    }

    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { index += 2; continue }
            if byte == 0x20 || byte == 0x09 { index += 1; continue }
            cleaned.append(byte == UInt8(ascii: ",") ? UInt8(ascii: ".") : byte)
            index += 1
        }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) else {
            return nil
        }
        return Double(String(decoding: cleaned, as: UTF8.self))
    }
}

import Foundation
