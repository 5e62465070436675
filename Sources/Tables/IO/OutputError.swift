/// An output that could not be written: the path, what failed and the
/// system's reason.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var reason: String

    public init(path: String, operation: String, errno code: Int32) {
        self.path = path
        self.operation = operation
        self.reason = String(cString: strerror(code))
    }

    public var description: String {
        "\(path): cannot \(operation) (\(reason)). Check that the folder exists and is writable, and that the disk is not full."
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
