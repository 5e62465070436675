import Foundation

/// Runs python3 and other programs for the tests that compare with them.
public enum Interop {
    public static let python = has(program: "python3")

    public static func has(program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }

    public static func has(module: String) -> Bool {
        python && (try? execute("python3", ["-c", "import \(module)"])) != nil
    }

    /// Runs the Python `script` with `arguments`; its standard output.
    public static func run(_ script: String, _ arguments: String...) throws -> String {
        try execute("python3", ["-c", script] + arguments)
    }

    /// Runs `program` found on PATH; its standard output, or an error with
    /// both streams when it fails.
    public static func execute(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InteropFailure(description: "\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n\(text)\n\(errorText)")
        }
        return text
    }

    public struct InteropFailure: Error, CustomStringConvertible {
        public var description: String
    }
}
