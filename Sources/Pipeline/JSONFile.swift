import Foundation
import Tables

/// The small JSON files of a run folder (the manifest, the approval, a
/// moved send): read leniently (a missing or unreadable file is nil),
/// written atomically, keys sorted so that the same content is the same bytes.
enum JSONFile {
    static func read<T: Decodable>(_ type: T.Type, from path: String) -> T? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(type, from: $0) }
    }

    static func write(_ value: some Encodable, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let file = try AtomicOutputFile(path: path)
        try file.write(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
        try file.commit()
    }
}
