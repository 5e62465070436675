import Store
import Tables

/// The CSV files a report writes for people to open (Excel, LibreOffice),
/// atomically: complete or absent.
final class ReportCSV {
    private let file: AtomicOutputFile
    private let dialect: CSVDialect
    private var buffer: [UInt8] = []

    init(path: String, dialect: CSVDialect) throws {
        file = try AtomicOutputFile(path: path)
        self.dialect = dialect
        // Excel reads a `;` file as UTF-8 only with the byte order mark.
        if dialect == .excelFR { buffer += [0xEF, 0xBB, 0xBF] }
    }

    /// Writes a record; text people typed goes through `guarded` first.
    func record(_ fields: [String]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(dialect.separator) }
            let bytes = Array(field.utf8)
            if bytes.contains(where: { $0 == dialect.separator || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in bytes {
                    buffer.append(byte)
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer += bytes
            }
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try flush() }
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
}
