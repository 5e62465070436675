/// Splits UTF-8 text into records and fields the way Excel reads a CSV file.
///
/// - A field that starts with `"` is quoted: it may hold separators, line
///   breaks and doubled quotes (`""` is one `"`); text between its closing
///   quote and the next separator is kept, as Excel keeps it.
/// - A `"` anywhere else is an ordinary character.
/// - A record ends at CRLF, LF or a lone CR; an empty line is a record with
///   no cells.
///
/// Cells point into the caller's buffer; nothing is copied. A field with
/// doubled quotes or text after its closing quote is rewritten in place by
/// `rewriteQuotedFields()` once its record is known to be complete (the
/// unquoted value is never longer than its raw text).
///
/// The byte at `end` must be a line feed, and 7 readable bytes must follow
/// it: unquoted fields are scanned 8 bytes at a time, with the line feed as a
/// sentinel instead of a bounds check.
struct CSVRecordParser: ~Copyable {
    let separator: UInt8
    /// The cells of the record parsed last.
    private(set) var cells: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    /// The number of cells of the record parsed last.
    private(set) var count = 0
    /// The line breaks inside the quoted fields of the record parsed last.
    private(set) var lineBreaks = 0
    /// When `parse` returned nil: the field the data ended in, if any.
    private(set) var partialField: Field?
    private var capacity: Int
    /// The separator in every byte of a word.
    private let separators: UInt64
    /// The cells to rewrite, by index.
    private var rewrites: UnsafeMutablePointer<Int>
    private var rewriteCount = 0

    /// A field being parsed: enough to say where it is in an error message.
    struct Field {
        /// Its column, from 0.
        var index: Int
        /// Its first byte (the opening quote, for a quoted field).
        var start: UnsafePointer<UInt8>
        var isQuoted: Bool
        /// Line breaks in the record before the field starts.
        var lineBreaksBefore: Int
        /// Line breaks inside the field (so far, if it was cut short).
        var lineBreaksInside = 0
    }

    /// The bytes a text buffer needs after its end: the sentinel line feed,
    /// and 7 more that an 8-byte read from the sentinel may touch.
    static let padding = 8

    /// Excel's limit on a cell: 32,767 characters (UTF-16 code units).
    static let maximumCellLength = 32_767
    /// Excel's grid has 16,384 columns (A to XFD).
    static let maximumColumns = 16_384

    static let quote = UInt8(ascii: "\"")
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    init(separator: UInt8) {
        self.separator = separator
        capacity = 64
        cells = .allocate(capacity: capacity)
        rewrites = .allocate(capacity: capacity)
        separators = UInt64(separator) &* Self.ones
    }

    deinit {
        cells.deallocate()
        rewrites.deallocate()
    }

    /// Parses the record that starts at `start` (which must be before `end`).
    ///
    /// - Parameter atEnd: true when no data follows `end`; otherwise a record
    ///   that reaches `end` may go on, and the parser waits for more.
    /// - Returns: where the next record starts, or nil when the record is not
    ///   complete before `end` (then `partialField` says which field was cut).
    /// - Throws: a cell over 32,767 characters, a record wider than Excel's
    ///   grid, or (at the end of the data) a quote that never closes.
    /// - Complexity: O(length of the record).
    mutating func parse(
        from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, atEnd: Bool
    ) throws(CSVParseProblem) -> UnsafePointer<UInt8>? {
        let separator = self.separator
        var cells = self.cells
        var count = 0
        var breaks = 0
        rewriteCount = 0
        partialField = nil
        var p = start
        if p.pointee == Self.lineFeed || p.pointee == Self.carriageReturn {
            self.count = 0
            lineBreaks = 0
            return lineEnd(p, end, atEnd)
        }
        while true {
            if count == capacity {
                try grow(past: count)
                cells = self.cells
            }
            let fieldStart = p
            if p.pointee == Self.quote {  // the sentinel is not a quote, so p < end
                p += 1
                var fieldBreaks = 0
                var rewrite = false
                var closingQuote: UnsafePointer<UInt8>?
                while p < end {
                    let byte = p.pointee
                    if byte == Self.quote {
                        if p + 1 == end, !atEnd { break }  // `""` or a closing quote: the next byte says
                        if p + 1 < end, p[1] == Self.quote {
                            rewrite = true
                            p += 2
                            continue
                        }
                        closingQuote = p
                        p += 1
                        break
                    }
                    if byte == Self.lineFeed || (byte == Self.carriageReturn && p[1] != Self.lineFeed) { fieldBreaks += 1 }
                    p += 1
                }
                let field = Field(index: count, start: fieldStart, isQuoted: true, lineBreaksBefore: breaks,
                                  lineBreaksInside: fieldBreaks)
                guard let closingQuote else {
                    if atEnd {
                        try Self.check(field, UnsafeBufferPointer(start: fieldStart, count: end - fieldStart))
                        throw CSVParseProblem(.unterminatedQuote, field)
                    }
                    partialField = field
                    return nil
                }
                p = nextStop(p)  // text after the closing quote
                if p == end, !atEnd {
                    partialField = field
                    return nil
                }
                if p != closingQuote + 1 { rewrite = true }
                if rewrite {
                    cells[count] = UnsafeBufferPointer(start: fieldStart, count: p - fieldStart)
                    rewrites[rewriteCount] = count
                    rewriteCount += 1
                } else {
                    cells[count] = UnsafeBufferPointer(start: fieldStart + 1, count: closingQuote - fieldStart - 1)
                }
                if p - fieldStart > Self.maximumCellLength {
                    try Self.check(field, UnsafeBufferPointer(start: fieldStart, count: p - fieldStart))
                }
                breaks += fieldBreaks
            } else {
                p = nextStop(p)
                if p == end, !atEnd {
                    partialField = Field(index: count, start: fieldStart, isQuoted: false, lineBreaksBefore: breaks)
                    return nil
                }
                cells[count] = UnsafeBufferPointer(start: fieldStart, count: p - fieldStart)
                if p - fieldStart > Self.maximumCellLength {
                    try Self.check(Field(index: count, start: fieldStart, isQuoted: false, lineBreaksBefore: breaks),
                                   cells[count])
                }
            }
            count += 1
            if p == end {  // atEnd: the last record has no line break
                self.count = count
                lineBreaks = breaks
                return p
            }
            if p.pointee == separator {
                p += 1
                continue
            }
            self.count = count
            lineBreaks = breaks
            return lineEnd(p, end, atEnd)
        }
    }

    /// Rewrites the fields of the record parsed last that hold doubled quotes
    /// or text after their closing quote, in place.
    mutating func rewriteQuotedFields() {
        for rewrite in 0..<rewriteCount {
            let index = rewrites[rewrite]
            let raw = cells[index]
            let base = UnsafeMutablePointer(mutating: raw.baseAddress!)
            let end = base + raw.count
            var from = base + 1
            var to = base
            var inQuotes = true
            while from < end {
                let byte = from.pointee
                if byte == Self.quote, inQuotes {
                    if from + 1 < end, from[1] == Self.quote {
                        to.pointee = Self.quote
                        to += 1
                        from += 2
                    } else {
                        inQuotes = false
                        from += 1
                    }
                    continue
                }
                to.pointee = byte
                to += 1
                from += 1
            }
            cells[index] = UnsafeBufferPointer(start: base, count: to - base)
        }
        rewriteCount = 0
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let lineFeeds = UInt64(lineFeed) &* ones
    private static let carriageReturns = UInt64(carriageReturn) &* ones

    /// The first separator, CR or LF from `p` on, found 8 bytes at a time
    /// (the sentinel line feed stops it at the latest at `end`).
    @inline(__always)
    private func nextStop(_ p: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        // A byte of `x` is zero where the word matches; the lowest flagged
        // byte of `zeroBytes` is always exact (Hacker's Delight §6-1).
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 {
            (x &- Self.ones) & ~x & 0x8080_8080_8080_8080
        }
        var p = p
        while true {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ separators) | zeroBytes(word ^ Self.lineFeeds) | zeroBytes(word ^ Self.carriageReturns)
            if found != 0 { return p + found.trailingZeroBitCount >> 3 }
            p += 8
        }
    }

    /// Where the record that ends with the line break at `p` is followed.
    @inline(__always)
    private func lineEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ atEnd: Bool) -> UnsafePointer<UInt8>? {
        if p.pointee == Self.lineFeed { return p + 1 }
        if p + 1 < end { return p[1] == Self.lineFeed ? p + 2 : p + 1 }
        return atEnd ? p + 1 : nil  // a CR at the end of the data: is LF next?
    }

    private mutating func grow(past count: Int) throws(CSVParseProblem) {
        if count >= Self.maximumColumns {
            throw CSVParseProblem(.tooManyColumns, nil)
        }
        let larger = min(capacity * 2, Self.maximumColumns)
        let newCells = UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: larger)
        newCells.moveInitialize(from: cells, count: count)
        cells.deallocate()
        cells = newCells
        let newRewrites = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        newRewrites.moveInitialize(from: rewrites, count: rewriteCount)
        rewrites.deallocate()
        rewrites = newRewrites
        capacity = larger
    }
}
