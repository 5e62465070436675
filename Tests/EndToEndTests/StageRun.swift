import Foundation
import Testing

/// Runs a built stage executable in a fresh temporary folder, as a user or
/// a cron job would, and keeps what it did for the assertions.
struct StageRun {
    let command: [String]
    let folder: URL
    let status: Int32
    let stdout: Data
    let stderr: String

    /// The repository's root (for `Fixtures/`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/<path>`.
    static func fixture(_ path: String) -> URL {
        repository.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// Where SwiftPM put the executables this test target depends on.
    static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        fatalError("no .xctest bundle")
        #else
        return Bundle.main.bundleURL
        #endif
    }

    /// Copies `inputs` (fixture paths, or name → bytes) into a new folder and
    /// runs `stage arguments...` there, with `stdin` on standard input.
    /// `folder`: run in the folder of an earlier run instead (a second step
    /// of the same flow, e.g. `suppressions add` then `suppressions list`).
    static func run(
        _ stage: String, _ arguments: [String], inputs: [String] = [], files: [String: Data] = [:], stdin: Data? = nil,
        folder existing: URL? = nil, environment: [String: String] = [:]
    ) throws -> StageRun {
        let folder = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("texto-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for input in inputs {
            let source = fixture(input)
            try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
        }
        for (name, bytes) in files {
            try bytes.write(to: folder.appendingPathComponent(name))
        }
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(stage)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        }
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            // Feed standard input while reading the outputs, so neither side blocks.
            DispatchQueue.global().async {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        let errorData = DataBox()
        let reading = DispatchQueue.global()
        let group = DispatchGroup()
        reading.async(group: group) { errorData.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return StageRun(
            command: [stage] + arguments, folder: folder, status: process.terminationStatus,
            stdout: outputData, stderr: String(decoding: errorData.data, as: UTF8.self))
    }

    /// A file the stage wrote, as text.
    func file(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The names in the run's folder, sorted (temporary files included).
    var folderListing: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// What to print when an expectation fails.
    var context: Comment {
        "command: \(command.joined(separator: " "))\nfolder: \(folder.path)\nstatus: \(status)\nstderr: \(stderr)\nstdout: \(String(decoding: stdout.prefix(2000), as: UTF8.self))"
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

/// Reads RFC 4180 text into rows (tests only; the stages use `Tables`).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var iterator = Array(text.unicodeScalars)[...]
    while let scalar = iterator.popFirst() {
        if quoted {
            if scalar == "\"" {
                if iterator.first == "\"" {
                    field.unicodeScalars.append("\"")
                    iterator.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(scalar)
            }
        } else if scalar == "\"" {
            quoted = true
        } else if scalar == "," {
            row.append(field)
            field = ""
        } else if scalar == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.unicodeScalars.append(scalar)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}

extension StageRun {
    /// Starts `stage` in `folder` and returns it running (a watcher, a
    /// stage run beside others): its output is dropped, its standard
    /// error goes to `log` when given.
    static func start(_ stage: String, _ arguments: [String], in folder: URL, environment: [String: String],
                      log: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(stage)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        process.standardOutput = FileHandle.nullDevice
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// Runs `stage` in `folder` and kills it (`kill -9`) after `delay`
    /// seconds if it still runs, or lets it end when `delay` is nil; its
    /// exit status. The crash tests' one way of killing a stage.
    static func runKilled(_ stage: String, _ arguments: [String], in folder: URL, environment: [String: String],
                          killAfter delay: Double?) throws -> Int32 {
        let process = try start(stage, arguments, in: folder, environment: environment)
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
