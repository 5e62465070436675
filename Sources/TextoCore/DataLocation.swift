/// Where something happened: in the user's data (the file, and when known
/// the sheet, the row as Excel numbers it, the column, the physical line or
/// byte), or on the command line (the option, and the file it names).
///
/// It prints the way an accountant reads it:
/// `clients.xlsx, sheet "Feuil1", row 1234, column D`, or
/// `--template-file message.txt`.
public struct DataLocation: Sendable, Equatable, CustomStringConvertible {
    /// The option the problem is about (`--where`, `--country`), for
    /// errors in the command line rather than in a file.
    public var option: String?
    /// The file as the user named it (a path or `-` for standard input);
    /// empty when the problem is in an option's value.
    public var file: String
    /// The sheet name, for workbooks.
    public var sheet: String?
    /// The row number Excel shows (header = 1).
    public var row: Int?
    /// The column, as a letter (`D`) or a header name.
    public var column: String?
    /// The physical line in a text file (1-based), when it differs from the row.
    public var line: Int?
    /// The part inside a package (`xl/worksheets/sheet1.xml`), for XLSX errors.
    public var part: String?
    /// A byte offset, when nothing better is known.
    package var byteOffset: Int?

    package init(
        file: String, sheet: String? = nil, row: Int? = nil, column: String? = nil,
        line: Int? = nil, part: String? = nil, byteOffset: Int? = nil
    ) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.line = line
        self.part = part
        self.byteOffset = byteOffset
    }

    /// A place on the command line: `option`, and the file it names if any.
    package init(option: String, file: String = "") {
        self.init(file: file)
        self.option = option
    }

    /// Nowhere in particular (an error about the run as a whole).
    package static let none = DataLocation(file: "")

    /// True when nothing locates the problem.
    public var isEmpty: Bool { option == nil && file.isEmpty }

    public var description: String {
        var text = [option, file.isEmpty ? nil : file].compactMap { $0 }.joined(separator: " ")
        if let sheet { text += ", sheet \"\(sheet)\"" }
        if let part { text += ", part \(part)" }
        if let row { text += ", row \(row)" }
        if let line { text += ", line \(line)" }
        if let column { text += ", column \(column)" }
        if let byteOffset, row == nil, line == nil { text += ", byte \(byteOffset)" }
        return text
    }
}
