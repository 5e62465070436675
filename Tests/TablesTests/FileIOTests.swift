import Foundation
import Testing
@testable import Tables

/// InputFile and AtomicOutputFile over the system-call wrapper.
@Suite("File input and output")
struct FileIOTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("bytes written through AtomicOutputFile read back through InputFile, sequentially and by position")
    func roundTrip() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let output = try AtomicOutputFile(path: path, bufferSize: 4096)
        try bytes.withUnsafeBytes { try output.write($0) }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing appears before commit")
        try output.commit()
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"], "no temporary file left")

        let input = try InputFile(path: path)
        #expect(input.size == bytes.count)
        var sequential: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 7000)
        while case let got = try chunk.withUnsafeMutableBytes({ try input.read(into: $0) }), got > 0 {
            sequential += chunk[0..<got]
        }
        #expect(sequential == bytes)
        var tail = [UInt8](repeating: 0, count: 100)
        #expect(try tail.withUnsafeMutableBytes { try input.read(at: bytes.count - 40, into: $0) } == 40)
        #expect(tail[0..<40] == bytes[(bytes.count - 40)...])
    }

    @Test("commit(replacing: false) never replaces a file another process made meanwhile, and keeps the mode asked")
    func commitWithoutReplacing() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("texto.sqlite.key").path
        let first = try AtomicOutputFile(path: path, mode: 0o600)
        let second = try AtomicOutputFile(path: path, mode: 0o600)
        try first.write("first\n")
        try second.write("second\n")
        #expect(try first.commit(replacing: false))
        #expect(try !second.commit(replacing: false))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["texto.sqlite.key"], "no temporary file left")
    }

    @Test("an output flushed to disk while it is written reads back whole; discarded, it leaves nothing")
    func flushedWhileWriting() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        let bytes = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        // A flush every other buffer: many run while later buffers are written.
        let output = try AtomicOutputFile(path: path, bufferSize: 4096, syncInterval: 8192)
        for start in stride(from: 0, to: bytes.count, by: 1000) {
            try bytes[start..<min(start + 1000, bytes.count)].withUnsafeBytes { try output.write($0) }
        }
        try output.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))

        let discarded = try AtomicOutputFile(path: folder.appendingPathComponent("other.csv").path, bufferSize: 4096, syncInterval: 4096)
        try bytes.withUnsafeBytes { try discarded.write($0) }
        discarded.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.csv"])
    }

    @Test("an output in a missing folder fails with ENOENT kept as a number besides its text")
    func outputErrorKeepsErrno() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("absent/out.csv").path
        let error = #expect(throws: OutputError.self) { _ = try AtomicOutputFile(path: path) }
        #expect(error?.errno == ENOENT)
        #expect(error?.reason == String(cString: strerror(ENOENT)))
        #expect(error?.path == path)
        #expect(OutputError(path: "x", operation: "write", errno: ENOSPC).errno == ENOSPC)
    }

    @Test("a missing input is fileNotFound; a folder is refused")
    func inputErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = #expect(throws: TableError.self) { _ = try InputFile(path: folder.appendingPathComponent("absent.csv").path) }
        #expect(missing?.code == .fileNotFound)
        let directory = #expect(throws: TableError.self) { _ = try InputFile(path: folder.path) }
        #expect(directory?.code == .readFailed)
    }

    @Test("a discarded output leaves nothing behind")
    func discard() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try AtomicOutputFile(path: folder.appendingPathComponent("out.csv").path)
        try output.write("NOM;TELEPHONE\n")
        output.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
