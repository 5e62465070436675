import TextoCore

extension OutputError: TextoError {
    public enum Code: String, Sendable {
        /// The file could not be created, written, synced or renamed into place.
        case cannotWrite
    }

    public var code: Code { .cannotWrite }
    public var location: DataLocation { DataLocation(file: path) }
    public var detail: String { "cannot \(operation)" }
    public var hint: String { "Check that the folder exists and is writable, and that the disk is not full." }
    public var cause: String? { reason }
    public var category: ErrorCategory { .cannotCreate }
}
