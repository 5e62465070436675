import Foundation
import TextoCore
import Tables

/// Names and types: columns, derived fields, and what a sample says a column holds.
extension FilterCompiler {
    /// The index of the column `name` designates, if any.
    func column(_ name: String) -> Int? {
        ColumnKey.find(name, in: header)
    }

    /// The first column whose header is one of `candidates` (loose keys).
    func findColumn(_ candidates: [String]) -> Int? {
        header.firstIndex { candidates.contains(ColumnKey.loose($0)) }
    }

    /// Derived fields by the keys of their names.
    static let derived: [String: ValueType] = [
        "age": .number, "departement": .text, "dept": .text, "daysuntilbirthday": .number, "days_until_birthday": .number,
    ]

    func derivedName(_ name: String) -> String? {
        let key = ColumnKey.of(name).replacingOccurrences(of: "_", with: "")
        switch key {
        case "age": return "age"
        case "departement", "dept", "department": return "departement"
        case "daysuntilbirthday", "joursavantanniversaire": return "days_until_birthday"
        default: return nil
        }
    }

    mutating func type(of operand: Operand, requireName: Bool) throws -> ValueType {
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

    func requireSource(for derived: String, _ operand: Operand) throws {
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
    func inferredType(_ index: Int) -> ValueType {
        let values = sample.compactMap { index < $0.count ? $0[index] : nil }.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !values.isEmpty else { return .text }
        // Typos (31/02/1980) do not make a date column text: most values decide.
        let dates = values.filter { CivilDate.parse($0) != nil }.count
        if dates * 2 > values.count { return .date }
        if values.allSatisfy({ Self.number($0) != nil }) { return .number }
        return .text
    }

    func isCompatible(_ operand: Operand, _ type: ValueType, with mode: ValueType) -> Bool {
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

    func isColumnOrDerivedText(_ operand: Operand) -> Bool {
        if case .name(let name) = operand.value, column(name) != nil { return true }
        return false
    }

    func mismatch(_ operand: Operand, _ type: ValueType, against other: Operand, _ mode: ValueType) -> String {
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

    func unknownColumn(_ name: String, _ operand: Operand) -> ExpressionError {
        let candidates = header + ["age", "departement", "days_until_birthday"]
        let suggestion = Suggestions.didYouMean(name, among: candidates, quoted: false)
        return error("there is no column \(name).\(suggestion) Columns: \(header.joined(separator: ", ")); derived: age, departement, days_until_birthday, days_since(COLUMN), days_until(COLUMN)", operand, code: .unknownColumn)
    }

    func error(_ message: String, _ operand: Operand, code: ExpressionError.Code = .typeMismatch) -> ExpressionError {
        ExpressionError(code, text: source, range: operand.range, message: message)
    }
}
