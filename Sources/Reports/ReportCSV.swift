import Store
import Tables
import TextoCore

/// The CSV files a report writes for people to open (Excel, LibreOffice),
/// atomically: complete or absent. Rows come as the workbook's typed
/// cells, so that a table is written once for both: a date-time is shown
/// as Paris wall time (`2026-11-28 17:00:00`), a ratio as a percentage
/// in the dialect's decimals.
final class ReportCSV {
    private let file: AtomicOutputFile
    private let dialect: CSVDialect
    private var buffer: [UInt8] = []

    init(path: String, dialect: CSVDialect) throws {
        file = try AtomicOutputFile(path: path)
        self.dialect = dialect
        buffer.reserveCapacity(1 << 17)
        // Excel reads a `;` file as UTF-8 only with the byte order mark.
        if dialect == .excelFR { buffer += [0xEF, 0xBB, 0xBF] }
    }

    /// Writes a record of plain text fields.
    func record(_ fields: [String]) throws {
        try record(fields.map(XLSXCell.text))
    }

    /// Writes a record; text people typed goes through `guarded` first.
    func record(_ cells: [XLSXCell]) throws {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(dialect.separator) }
            switch cell {
            case .empty: break
            case .text(var text), .uniqueText(var text): text.withUTF8 { append(field: UnsafeRawBufferPointer($0)) }
            case .integer(let number): append(number)
            case .number(let number): append(text: dialect.decimal(number))
            case .percent(let ratio): append(text: dialect.percent(ratio))
            case .dateTime(let wallSeconds): appendDateTime(wallSeconds)
            }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func append(text: String) {
        var text = text
        text.withUTF8 { append(field: UnsafeRawBufferPointer($0)) }
    }

    /// A field, quoted when it holds the separator, a quote or a line break.
    private func append(field bytes: UnsafeRawBufferPointer) {
        let separator = dialect.separator
        guard bytes.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in bytes {
            buffer.append(byte)
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private func append(_ number: Int) {
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.append(contentsOf: digits[(20 - count)...])
        }
    }

    /// `2026-11-28 17:00:00`.
    private func appendDateTime(_ wallSeconds: Int) {
        let day = wallSeconds >= 0 ? wallSeconds / 86_400 : (wallSeconds - 86_399) / 86_400
        let second = wallSeconds - day * 86_400
        let (year, month, date) = CivilDate(days: day).components
        func two(_ value: Int) {
            buffer.append(UInt8(ascii: "0") + UInt8(value / 10))
            buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
        two(year / 100)
        two(year % 100)
        buffer.append(UInt8(ascii: "-"))
        two(month)
        buffer.append(UInt8(ascii: "-"))
        two(date)
        buffer.append(UInt8(ascii: " "))
        two(second / 3_600)
        buffer.append(UInt8(ascii: ":"))
        two(second / 60 % 60)
        buffer.append(UInt8(ascii: ":"))
        two(second % 60)
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        try file.commit()
    }

    /// Text that people typed, defused as `StoreCSV.guarded` does (a
    /// leading `= + - @`, TAB or CR gets a `'`); nil is an empty field.
    static func guarded(_ text: String?) -> String {
        text.map(StoreCSV.guarded) ?? ""
    }
}

/// How a report's CSV files are written.
public enum CSVDialect: String, Sendable, CaseIterable {
    /// RFC 4180: `,` between fields, `.` in decimals.
    case rfc4180 = "rfc4180"
    /// What a French Excel opens with a double click: `;` between fields,
    /// `,` in decimals, UTF-8 with its byte order mark.
    case excelFR = "excel-fr"

    var separator: UInt8 { self == .excelFR ? UInt8(ascii: ";") : UInt8(ascii: ",") }

    /// A ratio as a decimal number of percent with one decimal (`94,7`).
    func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1_000).rounded(.toNearestOrAwayFromZero))
        return "\(tenths / 10)\(self == .excelFR ? "," : ".")\(abs(tenths % 10))"
    }

    /// A number with two decimals (an amount in euros: `12,34`).
    func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded(.toNearestOrAwayFromZero))
        let cents = abs(hundredths % 100)
        return "\(hundredths < 0 ? "-" : "")\(abs(hundredths / 100))\(self == .excelFR ? "," : ".")\(cents < 10 ? "0" : "")\(cents)"
    }
}

/// Paris wall time of Unix times, the offset kept for the hour it holds
/// for (France changes its clocks on the hour): a report converts two
/// times per message.
struct ParisClock {
    private var hour = Int.min
    private var offset = 0

    /// Seconds since 1970-01-01T00:00 of Paris's wall clock at `unixTime`.
    mutating func wallSeconds(_ unixTime: Int) -> Int {
        let start = unixTime - ((unixTime % 3_600) + 3_600) % 3_600
        if start != hour {
            hour = start
            offset = ParisTime.utcOffset(atUnixTime: unixTime)
        }
        return unixTime + offset
    }
}
