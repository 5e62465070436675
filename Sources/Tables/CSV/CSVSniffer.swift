/// Recognises the separator of a CSV file from its first lines.
enum CSVSniffer {
    /// The separators tried, in the order that breaks ties: French Excel
    /// writes `;`, most other software `,`; Excel's "Texte Unicode" uses TAB.
    static let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: ","), 0x09, UInt8(ascii: "|")]
    /// How much is trial-parsed: the first records, within the first bytes.
    static let sampleRecords = 50
    static let sampleBytes = 64 << 10

    /// The separator named by Excel's `sep=X` first line, if the text starts
    /// with one (`sep` in any case, one ASCII character, then a line break or
    /// the end of the file).
    static func separatorLine(_ text: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard text.count >= 5 else { return nil }
        let lowercase = (0..<3).map { text[$0] | 0x20 }
        guard lowercase == Array("sep".utf8), text[3] == UInt8(ascii: "=") else { return nil }
        let separator = text[4]
        guard separator < 0x80, separator != 0x0A, separator != 0x0D, separator != UInt8(ascii: "\"") else { return nil }
        if text.count > 5, text[5] != 0x0A, text[5] != 0x0D { return nil }
        return separator
    }

    /// The candidate that splits the most sample records into the same number
    /// of fields, more than one; `;` when none does (a single-column file).
    ///
    /// The text must be followed by a line feed (the parser's sentinel).
    /// - Parameter atEnd: true when the text is the whole file.
    static func separator(in text: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> UInt8 {
        var best = candidates[0]
        var bestScore = 0
        for candidate in candidates {
            let score = consistentRecords(text, separator: candidate, atEnd: atEnd)
            if score > bestScore {
                best = candidate
                bestScore = score
            }
        }
        return best
    }

    /// The number of non-blank sample records that have the most common field
    /// count, or 0 when that count is 1.
    static func consistentRecords(_ text: UnsafeBufferPointer<UInt8>, separator: UInt8, atEnd: Bool) -> Int {
        guard let start = text.baseAddress else { return 0 }
        let end = start + text.count
        var parser = CSVRecordParser(separator: separator)
        var frequencies: [Int: Int] = [:]
        var records = 0
        var p = start
        while p < end, records < sampleRecords, p - start < sampleBytes {
            // A record cut by the end of the sample, or unreadable, ends it.
            guard let next = try? parser.parse(from: p, to: end, atEnd: atEnd) else { break }
            if parser.count > 0 {
                frequencies[parser.count, default: 0] += 1
                records += 1
            }
            p = next
        }
        let modal = frequencies.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        guard let modal, modal.key > 1 else { return 0 }
        return modal.value
    }

    /// True when the text holds nothing but line breaks, spaces, tabs and
    /// separators: no cell has a value.
    static func isBlank(_ text: UnsafeBufferPointer<UInt8>, separator: UInt8) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == separator }
    }
}
