/// An output that could not be written: the path, what failed and the
/// system's reason, as a code a program can test and as text.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    package var operation: String
    /// The system's error number (`ENOSPC`, `EACCES`...), as `errno` gave it.
    package var errno: Int32
    /// The system's text for `errno`.
    public var reason: String

    /// An output error for the system error number `code`.
    package init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, operation: operation, Errno(code: code))
    }

    init(path: String, operation: String, _ error: Errno) {
        self.path = path
        self.operation = operation
        self.errno = error.code
        self.reason = error.description
    }

    public var description: String {
        "\(path): cannot \(operation) (\(reason)). Check that the folder exists and is writable, and that the disk is not full."
    }
}
