import Foundation
import Testing
@testable import Messages

/// Every text of `Oracle/sms.tsv` (made by `Oracle/make-table.py` with the
/// PyPI packages `smsutil`, which splits, and `gsm0338`, a codec that gives
/// the septet length; they agree on every row) has the oracle's encoding,
/// length, segment count and part sizes.
@Suite("SMS oracle table")
struct SMSOracleTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var line: Int
        var text: String
        var encoding: String
        var length: Int
        var segments: Int
        var parts: [Int]
        var testDescription: String { "line \(line): \(text.prefix(40).debugDescription)…" }
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/sms.tsv")
        guard let table = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return table.split(separator: "\n").enumerated().dropFirst().compactMap { index, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, let length = Int(fields[2]), let segments = Int(fields[3]) else { return nil }
            return Row(line: index + 1, text: unescape(fields[0]), encoding: fields[1], length: length, segments: segments,
                       parts: fields[4].split(separator: ",").compactMap { Int($0) })
        }
    }()

    static func unescape(_ text: String) -> String {
        var result = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\", let next = iterator.next() else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch next {
            case "t": result += "\t"
            case "n": result += "\n"
            case "r": result += "\r"
            case "f": result += "\u{0C}"
            default: result.unicodeScalars.append(next)
            }
        }
        return result
    }

    @Test("the table is there and big enough")
    func tableSize() {
        #expect(Self.rows.count >= 400)
    }

    @Test("Texto's count and parts on every row", arguments: rows)
    func row(_ row: Row) {
        let text = SMS.normalize(row.text)
        let count = SMS.count(text)
        #expect(count.encoding.rawValue == row.encoding)
        #expect(count.length == row.length)
        #expect(count.segments == row.segments)
        #expect(SMS.parts(text).map { size(of: $0, in: count.encoding) } == row.parts)
    }
}
