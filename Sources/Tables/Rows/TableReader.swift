/// A table being read, row by row, from a spreadsheet or a text export.
///
/// Rows are pushed to a closure rather than pulled: the XLSX reader is driven
/// by libxml2's push parser, and a closure lets both readers lend their
/// buffers without copying. Memory does not grow with the number of rows.
public protocol TableReader: AnyObject {
    /// What was recognised about the file: format, sheet, encoding, separator.
    var info: TableInfo { get }
    /// Calls `body` with every record in order, blank ones included.
    /// Throws `TableError` when the file turns out to be unreadable; an error
    /// thrown by `body` stops reading and is rethrown as is.
    func forEachRow(_ body: (Row) throws -> Void) throws
    /// Counts gathered while reading (e.g. ragged rows); final after `forEachRow`.
    var statistics: TableStatistics { get }
}

/// What a reader recognised about its file.
public struct TableInfo: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable {
        case xlsx
        case csv
    }
    public var format: Format
    /// The file's name (its last path component, `stdin` for standard input), as `_source` shows it.
    public var file: String
    /// The sheet read, for workbooks.
    public var sheet: String?
    /// The text encoding detected, for text files (`UTF-8`, `UTF-8 BOM`,
    /// `UTF-16LE BOM`, `UTF-16BE BOM`, `UTF-16LE`, `UTF-16BE`,
    /// `Windows-1252`, `ASCII`).
    public var encoding: String?
    /// The field separator detected, for text files.
    public var separator: UInt8?
    /// True when the file began with Excel's `sep=` line.
    package var hadSeparatorLine: Bool

    package init(format: Format, file: String, sheet: String? = nil, encoding: String? = nil,
                separator: UInt8? = nil, hadSeparatorLine: Bool = false) {
        self.format = format
        self.file = file
        self.sheet = sheet
        self.encoding = encoding
        self.separator = separator
        self.hadSeparatorLine = hadSeparatorLine
    }

    /// The separator as people name it: `;`, `,`, `TAB`, `|`.
    package var separatorName: String? {
        guard let separator else { return nil }
        return separator == 0x09 ? "TAB" : String(UnicodeScalar(separator))
    }
}

/// Counts a reader gathers while it reads.
public struct TableStatistics: Sendable, Equatable {
    /// Records read, blank ones included.
    package var records = 0
    /// Bytes of input consumed (before inflating or transcoding).
    package var bytesRead = 0
    /// Windows-1252 bytes found inside a file otherwise read as UTF-8.
    package var invalidUTF8Sequences = 0
    /// Bytes a workbook's shared-string table held in memory (the only
    /// memory of a reader that grows with the file); nil for text files.
    package var sharedStringBytes: Int?

    package init() {}
}
