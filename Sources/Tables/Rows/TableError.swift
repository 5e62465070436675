import TextoCore

/// A file that cannot be read as a table: what happened, where, and what the
/// user can do about it.
///
/// Row-level problems are not errors (they go to a rejects file); a
/// `TableError` means the whole file is refused and nothing is written.
public typealias TableError = Failure<TableErrorCode>

/// What went wrong with a table file, in a form a program can switch on.
public enum TableErrorCode: String, ErrorCode {
    /// The file does not exist or cannot be opened.
    case fileNotFound
    /// Reading failed at the operating-system level.
    case readFailed
    /// The file has no bytes, or no row with a value.
    case emptyFile
    /// A password-protected Office file (OLE2 with `EncryptedPackage`).
    case encrypted
    /// An Excel 97-2003 `.xls` (OLE2 compound file).
    case legacyExcel
    /// A format we recognise but do not read (`.xlsb`, `.ods`).
    case unsupportedFormat
    /// A zip archive that is damaged or incomplete.
    case corruptZip
    /// A zip entry that inflates far beyond its compressed size.
    case zipBomb
    /// A package without the parts a workbook needs.
    case notAWorkbook
    /// An XML part that is not well-formed, or was cut short.
    case malformedXML
    /// An XML part with a document type declaration (refused: entities).
    case dtdForbidden
    /// A cell longer than Excel's 32,767 characters.
    case cellTooLong
    /// A cell reference outside Excel's grid (XFD1048576).
    case coordinateOutOfRange
    /// A shared-string index beyond the shared-string table.
    case sharedStringOutOfRange
    /// A CSV quoted field that never closes.
    case unterminatedQuote
    /// `--sheet` names a sheet the workbook does not have.
    case sheetNotFound

    public var category: ErrorCategory {
        switch self {
        case .fileNotFound, .readFailed: return .noInput
        case .sheetNotFound: return .usage
        default: return .data
        }
    }
}
