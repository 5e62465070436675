import Foundation
import Tables
import TextoCore

/// Writes a stage's summary for machines (`--summary FILE.json`): sorted
/// keys, so the same run gives the same bytes but for the timings.
public enum SummaryFile {
    public static func write(_ summary: some Encodable, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(summary)
        let file = try AtomicOutputFile(path: path)
        try data.withUnsafeBytes { try file.write($0) }
        try file.write("\n")
        try file.commit()
    }
}
