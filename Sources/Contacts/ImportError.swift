import TextoCore

/// A configuration the inputs cannot satisfy, found once the headers are read.
public struct ImportError: TextoError {
    public enum Code: String, Sendable {
        /// `--phone-columns` names a column the file does not have.
        case unknownPhoneColumn
        /// No header looks like a phone column and none was named.
        case noPhoneColumn
    }

    public var code: Code
    public var location: DataLocation
    public var detail: String
    public var hint: String
    public var cause: String? { nil }

    public init(_ code: Code, at location: DataLocation, _ detail: String, hint: String) {
        self.code = code
        self.location = location
        self.detail = detail
        self.hint = hint
    }

    /// The command line must name the columns (exit 64).
    public var category: ErrorCategory { .usage }
}
