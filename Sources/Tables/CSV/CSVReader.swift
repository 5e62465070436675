/// Reads a CSV file the way Excel opens it, recognising its encoding and
/// separator from its content.
///
/// - Encoding: a byte order mark (UTF-8, UTF-16 LE/BE) wins; then UTF-16
///   without a mark, recognised by its NUL bytes; then UTF-8 if the first
///   MiB is valid UTF-8, Windows-1252 if not. A file that starts with only
///   ASCII is decided at its first other byte. Everything is handed out as
///   UTF-8.
/// - Separator: Excel's `sep=X` first line, else the one of `;` `,` TAB `|`
///   that splits the first records into the most consistent number of
///   fields (ties in that order; `;` for a single-column file).
/// - Records: see `CSVRecordParser`. Row numbers are the ones Excel shows:
///   the `sep=` line and line breaks inside quotes do not count, blank lines
///   do (they come as rows with no cells).
///
/// The file is read once, in chunks: memory does not grow with its size.
public final class CSVReader: TableReader {
    /// What was recognised; `encoding` is final after `forEachRow` (a file
    /// that starts with ASCII is named only once read).
    public private(set) var info: TableInfo
    public private(set) var statistics = TableStatistics()

    let input: InputFile
    private let chunkSize: Int
    private let detection: SourceEncoding.Detection
    private var hasRead = false

    /// The bytes read at a time, and how much of the file decides its encoding.
    static let defaultChunkSize = 1 << 20
    static let detectionWindow = 1 << 20

    /// Opens a CSV file and recognises its encoding and separator.
    /// - Throws: `TableError.emptyFile` for a file with no bytes, only a byte
    ///   order mark, or (when it is small) no cell with a value; read errors.
    package convenience init(input: InputFile) throws {
        try self.init(input: input, chunkSize: Self.defaultChunkSize)
    }

    /// - Parameter chunkSize: bytes read at a time; tests make it tiny to
    ///   cut records, quotes and characters across chunks.
    init(input: InputFile, chunkSize: Int) throws {
        self.input = input
        self.chunkSize = chunkSize
        let window = try input.peek(Self.detectionWindow)
        let isWholeFile = window.count < Self.detectionWindow
        detection = window.withUnsafeBufferPointer { SourceEncoding.detect($0, isWholeFile: isWholeFile) }
        info = TableInfo(format: .csv, file: input.displayName)
        if window.isEmpty { throw emptyFile("the file is empty") }
        if isWholeFile, window.count == detection.byteOrderMarkLength {
            throw emptyFile("the file holds only a byte order mark")
        }
        try recogniseSeparator(window, isWholeFile: isWholeFile)
        info.encoding = encodingName(detection.encoding)
    }

    /// Transcodes the start of the file and looks at its first lines.
    private func recogniseSeparator(_ window: [UInt8], isWholeFile: Bool) throws {
        let sampleStart = detection.byteOrderMarkLength
        let sampleEnd = min(window.count, sampleStart + CSVSniffer.sampleBytes + 4096)
        let isFinal = isWholeFile && sampleEnd == window.count
        let count = sampleEnd - sampleStart
        let allocated = UTF8Transcoder.maximumExpansion * count + CSVRecordParser.padding
        let text = UnsafeMutablePointer<UInt8>.allocate(capacity: allocated)
        text.initialize(repeating: 0, count: allocated)
        defer { text.deallocate() }
        var transcoder = UTF8Transcoder(encoding: detection.encoding)
        let produced = window.withUnsafeBufferPointer {
            transcoder.transcode($0.baseAddress! + sampleStart, count: count, into: text, isFinal: isFinal).produced
        }
        text[produced] = 0x0A
        var sample = UnsafeBufferPointer(start: text, count: produced)
        if let separator = CSVSniffer.separatorLine(sample) {
            info.separator = separator
            info.hadSeparatorLine = true
            sample = UnsafeBufferPointer(rebasing: sample[min(5, sample.count)...])
        } else {
            info.separator = CSVSniffer.separator(in: sample, atEnd: isFinal)
        }
        if isFinal, CSVSniffer.isBlank(sample, separator: info.separator!) {
            throw emptyFile("the file has no cell with a value")
        }
    }

    func encodingName(_ encoding: SourceEncoding) -> String {
        let hasMark = detection.byteOrderMarkLength > 0
        switch encoding {
        case .undecided: return hasMark ? "UTF-8 BOM" : "ASCII"
        case .utf8: return hasMark ? "UTF-8 BOM" : "UTF-8"
        case .windows1252: return "Windows-1252"
        case .utf16LE: return hasMark ? "UTF-16LE BOM" : "UTF-16LE"
        case .utf16BE: return hasMark ? "UTF-16BE BOM" : "UTF-16BE"
        }
    }

    /// Calls `body` with every record, blank ones included, numbered as Excel
    /// numbers them. A reader reads its file once.
    ///
    /// - Throws: `TableError` for a quote that never closes, a cell over
    ///   32,767 characters, a record wider than Excel's grid, a file with no
    ///   cell with a value, or a read error; what `body` throws, as is.
    public func forEachRow(_ body: (Row) throws -> Void) throws {
        precondition(!hasRead, "a CSVReader reads its file once")
        hasRead = true
        var stream = CSVTextStream(input: input, chunkSize: chunkSize, encoding: detection.encoding,
                                   skip: detection.byteOrderMarkLength)
        var parser = CSVRecordParser(separator: info.separator!)
        var number = 0
        var line = 1
        var sawValue = false
        defer {
            statistics.records = number
            statistics.bytesRead = stream.bytesRead
            statistics.invalidUTF8Sequences = stream.transcoder.invalidUTF8Sequences
            info.encoding = encodingName(stream.transcoder.encoding)
        }
        if info.hadSeparatorLine {
            try skipSeparatorLine(&stream)
            line = 2
        }
        while true {
            let base = UnsafePointer(stream.text)
            let end = base + stream.end
            let atEnd = stream.isFinished
            var p = base + stream.start
            do {
                while p < end {
                    guard let next = try parser.parse(from: p, to: end, atEnd: atEnd) else { break }
                    parser.rewriteQuotedFields()
                    number += 1
                    if !sawValue { sawValue = Self.hasValue(parser.cells, parser.count) }
                    try body(Row(number: number, cells: parser.cells, count: parser.count))
                    line += 1 + parser.lineBreaks
                    p = next
                }
                // A field that is already too long fails now, not when the
                // buffer holds the rest of the file.
                if p < end, let field = parser.partialField {
                    try CSVRecordParser.check(field, UnsafeBufferPointer(start: field.start, count: end - field.start))
                }
            } catch let problem as CSVParseProblem {
                throw error(problem, row: number + 1, line: line)
            }
            stream.start = p - base
            if atEnd { break }
            // At least double what the record has so far, so that a long
            // record is parsed again only a logarithmic number of times.
            try stream.refill(minimum: max(chunkSize, stream.end - stream.start))
        }
        if !sawValue { throw emptyFile("the file has no cell with a value") }
    }

    /// Skips `sep=X` and its line break.
    private func skipSeparatorLine(_ stream: inout CSVTextStream) throws {
        while stream.end - stream.start < 7, !stream.isFinished { try stream.refill(minimum: 7) }
        var p = stream.start + 5
        if p < stream.end, stream.text[p] == 0x0D { p += 1 }
        if p < stream.end, stream.text[p] == 0x0A { p += 1 }
        stream.start = min(p, stream.end)
    }

    /// True when a cell holds something other than spaces and tabs.
    private static func hasValue(_ cells: UnsafePointer<UnsafeBufferPointer<UInt8>>, _ count: Int) -> Bool {
        for index in 0..<count where cells[index].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
            return true
        }
        return false
    }
}
