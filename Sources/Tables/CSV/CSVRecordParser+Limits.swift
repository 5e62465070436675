/// Excel's limits, checked while parsing: a cell Excel would not hold is
/// refused, and a quote that never closes is caught before it swallows the
/// rest of the file into memory.
extension CSVRecordParser {
    /// Throws when the field whose raw text (from its first byte, the opening
    /// quote if quoted) is `raw` holds more than Excel's 32,767 characters.
    /// For a field cut short, the count is a lower bound of its final length.
    static func check(_ field: Field, _ raw: UnsafeBufferPointer<UInt8>) throws(CSVParseProblem) {
        guard raw.count > maximumCellLength else { return }
        if utf16Length(raw, isQuoted: field.isQuoted) > maximumCellLength {
            throw CSVParseProblem(.cellTooLong(spansLines: field.isQuoted && field.lineBreaksInside > 0), field)
        }
    }

    /// The value's length in UTF-16 code units, the way Excel counts
    /// characters.
    static func utf16Length(_ raw: UnsafeBufferPointer<UInt8>, isQuoted: Bool) -> Int {
        var length = 0
        var index = isQuoted ? 1 : 0
        var inQuotes = isQuoted
        while index < raw.count {
            let byte = raw[index]
            index += 1
            if byte == Self.quote, inQuotes {
                if index < raw.count, raw[index] == Self.quote {
                    length += 1
                    index += 1
                } else {
                    inQuotes = false
                }
                continue
            }
            if byte & 0xC0 != 0x80 { length += 1 }  // a sequence's first byte
            if byte >= 0xF0 { length += 1 }  // outside the BMP: a surrogate pair
        }
        return length
    }
}

/// What makes a record unreadable, before the reader adds the file, row and
/// line.
struct CSVParseProblem: Error {
    enum Kind: Equatable {
        case unterminatedQuote
        /// `spansLines`: a quoted field over several lines, most likely a
        /// quote that never closes.
        case cellTooLong(spansLines: Bool)
        case tooManyColumns
    }
    var kind: Kind
    /// The column of the field at fault, from 0.
    var column: Int?
    /// Line breaks in the record before that field starts.
    var lineBreaksBefore = 0

    init(_ kind: Kind, _ field: CSVRecordParser.Field?) {
        self.kind = kind
        column = field?.index
        lineBreaksBefore = field?.lineBreaksBefore ?? 0
    }
}
