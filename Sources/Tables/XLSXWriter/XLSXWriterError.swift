import TextoCore

/// A workbook `XLSXWriter` cannot write: what was asked, where, and what to
/// change. Failing to write the file itself is an `OutputError`.
public typealias XLSXWriterError = Failure<XLSXWriterErrorCode>

/// What `XLSXWriter` refused, in a form a program can switch on.
public enum XLSXWriterErrorCode: String, ErrorCode {
    /// A sheet name Excel refuses: empty, longer than 31 characters, holding
    /// one of `[ ] : * ? / \` or a control character, starting or ending
    /// with `'`, or `History` (reserved by Excel).
    case invalidSheetName
    /// A sheet name the workbook already has (Excel ignores case).
    case duplicateSheetName
    /// A row wider than Excel's 16,384 columns (XFD).
    case tooManyColumns
    /// A row before the first `startSheet`, or a call after `commit()` or
    /// `discard()`: a mistake of the calling program.
    case notWriting
    /// zlib could not start or failed (out of memory).
    case compressionFailed

    public var category: ErrorCategory {
        switch self {
        case .invalidSheetName, .duplicateSheetName: return .usage
        case .tooManyColumns, .notWriting, .compressionFailed: return .runtime
        }
    }
}
