import Foundation
import TextoCore
import Tables

/// Readers: how a value is read from a row for each kind of comparison.
extension FilterCompiler {

    func dateReader(_ operand: Operand) throws -> (Row) -> Read<CivilDate> {
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

    func numberReader(_ operand: Operand) throws -> (Row) -> Read<Double> {
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

    func textReader(_ operand: Operand) throws -> (Row) -> Read<[UInt8]> {
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
