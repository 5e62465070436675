import TextoCore
import Phones
import Tables

/// A STOP or NPAI list exported from another tool, read and normalized
/// before anything is written to the store.
///
/// Two shapes are accepted: one number per line (a `.txt`, with or without
/// a header line), or a table (CSV in any encoding and separator `Tables`
/// reads, or XLSX) whose phone column is named by `column` or found by its
/// header (TELEPHONE, Mobile, Numéro, MSISDN...). A cell that is not a
/// number becomes a reject with its row; it never stops the import.
public struct SuppressionList: Sendable {
    /// A number of the list and the row it came from.
    public struct Entry: Sendable {
        public var number: PhoneNumber
        public var row: Int
    }

    /// A row whose cell is not a phone number.
    public struct Reject: Sendable, Equatable {
        /// The row as Excel shows it (= the line of a plain text file).
        public var row: Int
        package var raw: String
        /// Why the cell is not a number.
        package var reason: RejectReason
        /// `missing`, `invalid:letters`, `country_not_allowed:+1`...
        public var code: String { reason.code }
    }

    /// The file's name (last path component).
    public var file: String
    /// The header of the column read; nil for a list without a header.
    public var column: String?
    public var entries: [Entry] = []
    public var rejects: [Reject] = []

    /// Reads `path` (`-` for standard input).
    /// - Parameters:
    ///   - column: the header of the phone column; default: found by header,
    ///     or the only column.
    ///   - parser: reads numbers written without a country code in its region.
    public static func read(path: String, column: String? = nil, parser: PhoneParser) throws -> SuppressionList {
        let reader = try TableFile.open(path)
        var list = SuppressionList(file: reader.info.file)
        var phoneColumn: Int?
        try reader.forEachRow { row in
            if row.isBlank { return }
            guard let index = phoneColumn else {
                let (index, isHeader) = try locate(row, column: column, path: path, parser: parser)
                phoneColumn = index
                if isHeader {
                    list.column = row.string(at: index)
                    return
                }
                list.add(row, column: index, parser: parser)
                return
            }
            list.add(row, column: index, parser: parser)
        }
        return list
    }

    private mutating func add(_ row: Row, column: Int, parser: PhoneParser) {
        let raw = row.string(at: column)
        switch NumberInput.parse(raw, parser: parser) {
        case .success(let number): entries.append(Entry(number: number, row: row.number))
        case .failure(let problem): rejects.append(Reject(row: row.number, raw: raw, reason: problem.reason))
        }
    }

    /// The phone column of the first non-blank row, and whether that row is
    /// a header.
    private static func locate(_ row: Row, column: String?, path: String, parser: PhoneParser) throws -> (Int, Bool) {
        let cells = (0..<row.width).map { row.string(at: $0) }
        if let column {
            let key = ColumnKey.of(column)
            if let index = cells.firstIndex(where: { ColumnKey.of($0) == key }) { return (index, true) }
            throw StoreError(.phoneColumnNotFound, path: path, "no column is named \(column) (columns: \(cells.joined(separator: ", ")))",
                             hint: "Give --column one of the names above, as written in the first row.")
        }
        if let index = cells.firstIndex(where: PhoneHeaders.isListPhone) { return (index, true) }
        if cells.count == 1 {
            // A plain list: its first line is a number, or a header we do not know.
            if case .success = NumberInput.parse(cells[0], parser: parser) { return (0, false) }
            return (0, !cells[0].contains(where: \.isNumber))
        }
        throw StoreError(.phoneColumnNotFound, path: path, "no column looks like phone numbers (columns: \(cells.joined(separator: ", ")))",
                         hint: "Name the phone column with --column.")
    }

    /// Writes the rejects as CSV (`_row,_phone_raw,_reason`), atomically.
    public func writeRejects(to path: String) throws {
        let file = try AtomicOutputFile(path: path)
        let writer = CSVWriter(sink: file)
        try writer.record(["_row", "_phone_raw", "_reason"])
        for reject in rejects {
            try writer.field(reject.row)
            try writer.field(reject.raw)
            try writer.field(reject.code)
            try writer.endRecord()
        }
        try writer.flush()
        try file.commit()
    }
}
