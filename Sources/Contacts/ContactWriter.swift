import Tables

/// Writes the rows of one or more tables as contacts, mapping each file's
/// columns onto the output's.
final class ContactWriter {
    /// What one input contributed.
    struct InputCounts {
        var headerRow = 0
        var columns = 0
        var rows = 0
        var blankRows = 0
        var raggedRows = 0
    }

    private let writer: CSVWriter
    private(set) var columns = ColumnNames()
    /// User columns in the header as written; more means a rewrite.
    private var headerWidth: Int?
    private var values: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var valuesCapacity = 64

    init(output: CSVWriter) {
        self.writer = output
        values = .allocate(capacity: valuesCapacity)
    }

    deinit { values.deallocate() }

    /// True when columns were added after the header was written.
    var needsWidening: Bool { (headerWidth ?? 0) < columns.names.count }

    /// Appends every data row of `reader`.
    func append(_ reader: any TableReader, progress: ((Int) -> Void)? = nil) throws -> InputCounts {
        var counts = InputCounts()
        var source = Array(reader.info.file.utf8)
        if let sheet = reader.info.sheet { source += Array("#\(sheet)".utf8) }
        var mapping: [Int] = []       // file column -> output user column
        var phoneColumns: [Int] = []  // file columns holding phone numbers
        var occurrences: [String: Int] = [:]
        var headerSeen = false
        var identity = true  // file column i is output column i, so far
        let countsRagged = reader.info.format == .csv

        func addColumn(_ header: String, at index: Int) {
            let key = ColumnKey.of(header)
            let occurrence = header.isEmpty ? 1 : (occurrences[key, default: 0] + 1)
            if !header.isEmpty { occurrences[key] = occurrence }
            let column = columns.column(for: header, letter: ColumnKey.letters(index), occurrence: occurrence)
            identity = identity && column == mapping.count
            mapping.append(column)
            if PhoneColumns.isPhone(header) { phoneColumns.append(index) }
        }

        try source.withUnsafeBufferPointer { sourceBytes in
            try reader.forEachRow { row in
                let width = row.width
                if width == 0 {
                    if headerSeen { counts.blankRows += 1 }
                    return
                }
                if !headerSeen {
                    headerSeen = true
                    counts.headerRow = row.number
                    counts.columns = width
                    for index in 0..<width { addColumn(row.string(at: index), at: index) }
                    if headerWidth == nil { try writeHeader() }
                    return
                }
                counts.rows += 1
                if counts.rows & 0xFFFF == 0 { progress?(counts.rows) }
                if countsRagged, row.count < counts.columns { counts.raggedRows += 1 }
                // Values beyond the header get columns of their own.
                while mapping.count < width { addColumn("", at: mapping.count) }
                try writeRow(row, width: width, source: sourceBytes, mapping: mapping, identity: identity, phoneColumns: phoneColumns)
            }
        }
        if !headerSeen {
            throw TableError(.emptyFile, at: DataLocation(file: reader.info.file, sheet: reader.info.sheet),
                             "there is no row with a value", hint: "Check that this is the right file and sheet (--sheet).")
        }
        return counts
    }

    private func writeHeader() throws {
        headerWidth = columns.names.count
        try writer.record(ColumnNames.reserved + columns.names)
    }

    @inline(__always)
    private func writeRow(
        _ row: Row, width: Int, source: UnsafeBufferPointer<UInt8>, mapping: [Int], identity: Bool, phoneColumns: [Int]
    ) throws {
        try writer.field(source)
        try writer.field(row.number)
        try writer.field(UnsafeBufferPointer(start: nil, count: 0))  // _phone: filled by the phone stage
        var phone = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for column in phoneColumns where !row[column].isEmpty {
            phone = row[column]
            break
        }
        try writer.field(phone)
        let outputWidth = columns.names.count
        if identity, mapping.count == outputWidth {
            // The first file's columns are the output's: no remapping.
            for index in 0..<outputWidth { try writer.field(row[index]) }
            try writer.endRecord()
            return
        }
        if outputWidth > valuesCapacity {
            values.deallocate()
            valuesCapacity = max(outputWidth, valuesCapacity * 2)
            values = .allocate(capacity: valuesCapacity)
        }
        values.update(repeating: UnsafeBufferPointer(start: nil, count: 0), count: outputWidth)
        for index in 0..<width {
            values[mapping[index]] = row[index]
        }
        for index in 0..<outputWidth {
            try writer.field(values[index])
        }
        try writer.endRecord()
    }

    /// Flushes what is buffered.
    func finish() throws {
        try writer.flush()
    }

    /// Copies the contacts written to `path` into `output` under the full
    /// header, padding the rows written before columns were added.
    func rewrite(from path: String, into output: CSVWriter) throws {
        let reader = try CSVReader(input: InputFile(path: path))
        let width = ColumnNames.reserved.count + columns.names.count
        var first = true
        try reader.forEachRow { row in
            if first {
                first = false
                try output.record(ColumnNames.reserved + columns.names)
                return
            }
            for index in 0..<width { try output.field(row[index]) }
            try output.endRecord()
        }
        try output.flush()
    }
}
