import Foundation
import Tables
import TextoCore

/// A message as a batch file holds it, read back (what a gateway takes
/// from the file).
public struct BatchedMessage: Sendable, Equatable {
    /// Our message id, as written.
    public var id: String
    public var to: String
    public var from: String
    public var text: String
    /// When to send it (Unix seconds).
    public var sendAt: Int
    /// The file's name.
    public var file: String
}

/// Reads the batch files `texto-emit` writes, in any of its formats: what
/// `texto-simulate` plays the gateway on.
public enum BatchReader {
    /// The batch files `paths` name: a file as it is; a folder, the files
    /// its `manifest.json` lists (in its order), or without one every
    /// `.csv`, `.jsonl` and Gammu outbox file in it, in name order.
    public static func files(_ paths: [String]) throws(GatewayError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw GatewayError(.unreadableBatch, at: DataLocation(file: path), "there is no such file or folder",
                                   hint: "Give the batch files texto-emit wrote, or their folder.")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let folder = path.hasSuffix("/") ? path : path + "/"
            if let manifest = try? Data(contentsOf: URL(fileURLWithPath: folder + "manifest.json")),
               let object = try? JSONSerialization.jsonObject(with: manifest) as? [String: Any],
               let listed = object["files"] as? [[String: Any]] {
                files += listed.compactMap { $0["name"] as? String }.map { folder + $0 }
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            files += names.filter { format(of: $0) != nil }.map { folder + $0 }
        }
        return files
    }

    /// The format of a batch file, by its name; nil for a name no writer makes.
    public static func format(of name: String) -> BatchFormat? {
        let name = (name as NSString).lastPathComponent
        if name.hasPrefix(".") { return nil }
        if name.hasPrefix("OUT"), name.contains(".txt") { return .gammu }
        if name.hasSuffix(".jsonl") { return .jsonl }
        if name.hasSuffix(".csv") { return .csv }
        return nil
    }

    /// Calls `body` with every message of the file at `path`, in file order.
    public static func read(_ path: String, _ body: (BatchedMessage) throws -> Void) throws {
        let name = (path as NSString).lastPathComponent
        switch format(of: name) {
        case .csv: try readCSV(path, name: name, body)
        case .jsonl: try readJSONLines(path, name: name, body)
        case .gammu: try body(try readGammu(path, name: name))
        case nil:
            throw GatewayError(.unreadableBatch, at: DataLocation(file: path), "this is not a batch file texto-emit writes",
                               hint: "Give .csv, .jsonl or Gammu outbox (OUT...txt) files, or their folder.")
        }
    }

    private static func failure(_ path: String, line: Int? = nil, _ detail: String) -> GatewayError {
        GatewayError(.unreadableBatch, at: DataLocation(file: path, line: line), detail,
                     hint: "Give the batch files as texto-emit wrote them.")
    }

    private static func readCSV(_ path: String, name: String, _ body: (BatchedMessage) throws -> Void) throws {
        var columns: [Int] = []
        try TableFile.open(path).forEachRow { row in
            guard row.width > 0 else { return }
            if columns.isEmpty {
                let header = (0..<row.width).map { row.string(at: $0) }
                columns = try CSVBatchWriter.columns.map { column in
                    guard let index = header.firstIndex(of: column) else {
                        throw failure(path, line: row.number, "the header has no \(column) column")
                    }
                    return index
                }
                return
            }
            let fields = columns.map { row.string(at: $0) }
            guard let sendAt = try? SendStart(parsing: fields[4]) else {
                throw failure(path, line: row.number, "\"\(fields[4])\" is not a send time")
            }
            try body(BatchedMessage(id: fields[0], to: fields[1], from: fields[2], text: fields[3], sendAt: sendAt.unixTime, file: name))
        }
    }

    private static func readJSONLines(_ path: String, name: String, _ body: (BatchedMessage) throws -> Void) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw failure(path, "the file cannot be read") }
        var number = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            number += 1
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let id = object["id"] as? String, let to = object["to"] as? String, let from = object["from"] as? String,
                  let text = object["text"] as? String, let time = object["send_at"] as? String,
                  let sendAt = try? SendStart(parsing: time) else {
                throw failure(path, line: number, "this line is not a message of a JSON Lines batch")
            }
            try body(BatchedMessage(id: id, to: to, from: from, text: text, sendAt: sendAt.unixTime, file: name))
        }
    }

    /// `OUT<prio><YYYYMMDD>_<HHMMSS>_<serial>_<number>_<id>.txt[d]`; the
    /// text in UTF-16 after a BOM, else ASCII. The sender is not in the
    /// file (Gammu's configuration has it): empty.
    private static func readGammu(_ path: String, name: String) throws -> BatchedMessage {
        let fields = name.dropFirst(4).split(separator: "_", maxSplits: 4)
        guard fields.count == 5, let stem = fields[4].split(separator: ".").first,
              let date = CivilDate(year: Int(fields[0].prefix(4)) ?? 0, month: Int(fields[0].dropFirst(4).prefix(2)) ?? 0,
                                   day: Int(fields[0].dropFirst(6)) ?? 0),
              let clock = Int(fields[1]), fields[1].count == 6 else {
            throw failure(path, "the name is not a Gammu outbox name (OUT<priority><YYYYMMDD>_<HHMMSS>_<serial>_<number>_<id>.txt)")
        }
        let second = clock / 10_000 * 3_600 + clock / 100 % 100 * 60 + clock % 100
        guard let bytes = FileManager.default.contents(atPath: path) else { throw failure(path, "the file cannot be read") }
        let text = GammuOutboxWriter.decode([UInt8](bytes))
        return BatchedMessage(id: String(stem), to: String(fields[3]), from: "", text: text,
                              sendAt: ParisTime.unixTime(date, secondOfDay: second).earliest, file: name)
    }
}
