import TextoCore

/// A configuration the inputs cannot satisfy, found once the headers are read.
public typealias ImportError = Failure<ImportErrorCode>

public enum ImportErrorCode: String, ErrorCode {
    /// `--phone-columns` names a column the file does not have.
    case unknownPhoneColumn
    /// No header looks like a phone column and none was named.
    case noPhoneColumn

    /// The command line must name the columns (exit 64).
    public var category: ErrorCategory { .usage }
}
