import TextoCore
import Foundation
import Testing
@testable import Tables

/// Everything a `CSVReader` tells about a file, in a form tests compare.
struct CSVReadResult: Equatable, CustomStringConvertible {
    var rows: [[String]]
    var numbers: [Int]
    var encoding: String?
    var separator: String?
    var hadSeparatorLine: Bool
    var statistics: TableStatistics

    var description: String {
        "rows: \(rows), numbers: \(numbers), encoding: \(encoding ?? "-"), separator: \(separator ?? "-")"
    }
}

/// A `TableError` reduced to what tests compare.
struct CSVReadFailure: Error, Equatable {
    var code: TableError.Code
    var row: Int?
    var line: Int?
    var column: String?
    /// The message after the location.
    var message: String

    init(_ error: TableError) {
        code = error.code
        row = error.location.row
        line = error.location.line
        column = error.location.column
        message = String(error.description.dropFirst(error.location.description.count + 2))
    }
}

enum CSVFixture {
    /// Chunk sizes that cut every record, quote, line break and character of
    /// a small file somewhere, and the default.
    static let chunkSizes = [4, 5, 7, 64, CSVReader.defaultChunkSize]

    /// Writes `bytes` to a new file named `name` in a temporary folder.
    static func write(_ bytes: [UInt8], name: String = "clients.csv") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("texto-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Reads `bytes` with one chunk size.
    static func read(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) -> Result<CSVReadResult, CSVReadFailure> {
        do {
            let url = try write(bytes)
            defer { remove(url) }
            let reader = try CSVReader(input: InputFile(path: url.path), chunkSize: chunkSize)
            var rows: [[String]] = []
            var numbers: [Int] = []
            try reader.forEachRow { row in
                rows.append((0..<row.count).map { row.string(at: $0) })
                numbers.append(row.number)
            }
            return .success(CSVReadResult(
                rows: rows, numbers: numbers, encoding: reader.info.encoding, separator: reader.info.separatorName,
                hadSeparatorLine: reader.info.hadSeparatorLine, statistics: reader.statistics))
        } catch let error as TableError {
            return .failure(CSVReadFailure(error))
        } catch {
            Issue.record("unexpected error \(error)")
            return .failure(CSVReadFailure(TableError(.readFailed, at: DataLocation(file: "?"), "\(error)", hint: "")))
        }
    }

    /// Reads `bytes` with every size in `chunkSizes`, expects the same
    /// outcome from each, and returns the outcome of the last.
    static func readEverywhere(
        _ bytes: [UInt8], chunkSizes: [Int] = chunkSizes, sourceLocation: SourceLocation = #_sourceLocation
    ) -> Result<CSVReadResult, CSVReadFailure> {
        let outcomes = chunkSizes.map { read(bytes, chunkSize: $0) }
        for (size, outcome) in zip(chunkSizes, outcomes) where outcome != outcomes.last! {
            Issue.record("chunk size \(size) reads \(outcome), the default reads \(outcomes.last!)",
                         sourceLocation: sourceLocation)
        }
        return outcomes.last!
    }

    /// The rows of `bytes`, failing the test if the file is refused.
    static func rows(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> CSVReadResult {
        try readEverywhere(bytes, sourceLocation: sourceLocation).get()
    }

    /// The error `bytes` are refused with, failing the test if they are read.
    static func failure(_ bytes: [UInt8], chunkSizes: [Int] = chunkSizes,
                        sourceLocation: SourceLocation = #_sourceLocation) -> CSVReadFailure? {
        switch readEverywhere(bytes, chunkSizes: chunkSizes, sourceLocation: sourceLocation) {
        case .success(let result):
            Issue.record("expected an error, read \(result)", sourceLocation: sourceLocation)
            return nil
        case .failure(let failure):
            return failure
        }
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }
}
