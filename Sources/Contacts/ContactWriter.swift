import Phones
import TableStage
import Tables
import TextoCore

/// Writes the rows of one or more tables as contacts or rejects, mapping
/// each file's columns onto the outputs' shared user columns.
final class ContactWriter {
    /// What one input contributed.
    struct InputCounts {
        var headerRow = 0
        var columns = 0
        var rows = 0
        var blankRows = 0
        var raggedRows = 0
        var contacts = 0
        var rejects = 0
        var phoneColumns: [String] = []
    }

    /// Texto's columns at the start of each output.
    static let contactColumns = [OwnedColumn.source, OwnedColumn.row, OwnedColumn.phone, OwnedColumn.phoneRaw]
    static let rejectColumns = [OwnedColumn.source, OwnedColumn.row, OwnedColumn.phoneRaw, OwnedColumn.reason,
                                OwnedColumn.duplicateOf, OwnedColumn.detail]

    private let contacts: CSVWriter
    private let rejects: CSVWriter
    private let selection: PhoneSelection
    private let configuration: ImportConfiguration
    private(set) var columns = ColumnNames(reserved: ContactWriter.contactColumns + ContactWriter.rejectColumns)
    /// User columns in the headers as written; more means a rewrite.
    private var headerWidth: Int?
    private var values: UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>
    private var valuesCapacity = 64
    private var seen = Deduplicator()
    private var kept: [PhoneSelection.Kept] = []
    private var sources: [[UInt8]] = []
    /// The current file: its column -> output user column, and whether that is the identity.
    private var mapping: [Int] = []
    private var identity = true
    /// `columns.names.count` and `mapping.count`, kept as plain integers for the per-row path.
    private var userWidth = 0
    private var mappedWidth = 0
    /// The current file's phone columns.
    private var phoneColumns: UnsafeMutableBufferPointer<Int> = .allocate(capacity: 0)
    private var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    /// Rejects by reason, with the reason's code, and its detail when that
    /// is the same for every row: a handful of reasons, searched in order,
    /// cost less per reject than hashing the code and building the sentence.
    private var reasonCounts: [(reason: RejectReason, code: String, detail: String?, count: Int)] = []

    /// Rejects by code (`invalid:letters`).
    var reasons: [String: Int] {
        Dictionary(reasonCounts.map { ($0.code, $0.count) }, uniquingKeysWith: +)
    }
    /// Contacts by territory index.
    private var regionCounts: [Int]

    /// Contacts by region (`FR`, `RE`...).
    var regions: [String: Int] {
        var result: [String: Int] = [:]
        for (territory, count) in regionCounts.enumerated() where count > 0 {
            result[selection.parser.plan.territories[territory].region, default: 0] += count
        }
        return result
    }

    init(contacts: CSVWriter, rejects: CSVWriter, parser: PhoneParser, configuration: ImportConfiguration) {
        self.contacts = contacts
        self.rejects = rejects
        self.configuration = configuration
        let allowed = configuration.countries.map { regions in
            Set(parser.plan.territories.indices.filter { regions.contains(parser.plan.territories[$0].region) })
        }
        selection = PhoneSelection(parser: parser, allowedTerritories: allowed, policy: configuration.phones)
        regionCounts = Array(repeating: 0, count: parser.plan.territories.count)
        values = .allocate(capacity: valuesCapacity)
    }

    deinit {
        values.deallocate()
        phoneColumns.deallocate()
    }

    /// True when columns were added after the headers were written.
    var needsWidening: Bool { (headerWidth ?? 0) < columns.names.count }

    /// Appends every data row of `input`.
    func append(_ input: StageInput, progress: ((Int) -> Void)? = nil) throws -> InputCounts {
        var counts = InputCounts()
        let info = input.info
        var source = Array(info.file.utf8)
        if let sheet = info.sheet { source += Array("#\(sheet)".utf8) }
        sources.append(source)
        let sourceIndex = sources.count - 1
        var headers: [String] = []
        var occurrences: [String: Int] = [:]
        mapping = []
        mappedWidth = 0
        identity = true
        let countsRagged = info.format == .csv
        let file = DataLocation(file: input.path, sheet: info.sheet)

        func addColumn(_ header: String, at index: Int) {
            let key = ColumnKey.of(header)
            let occurrence = header.isEmpty ? 1 : (occurrences[key, default: 0] + 1)
            if !header.isEmpty { occurrences[key] = occurrence }
            let column = columns.column(for: header, letter: ColumnKey.letters(index), occurrence: occurrence)
            identity = identity && column == mapping.count
            mapping.append(column)
            mappedWidth = mapping.count
            userWidth = columns.names.count
            headers.append(header)
        }

        let pass = try source.withUnsafeBufferPointer { sourceBytes in
            self.source = sourceBytes
            defer { self.source = UnsafeBufferPointer(start: nil, count: 0) }
            // Phone cells are parsed on the reader thread when it has time
            // (`preparing`), else by `evaluate` here; this thread
            // deduplicates and writes.
            let selection = selection
            return try input.forEachRow(progress: progress, header: { names, _ in
                counts.columns = names.count
                for (index, name) in names.enumerated() { addColumn(name, at: index) }
                let found = try resolvePhoneColumns(headers, file: file)
                phoneColumns.deallocate()
                phoneColumns = .allocate(capacity: found.count)
                _ = phoneColumns.initialize(from: found)
                counts.phoneColumns = found.map { headers[$0] }
                if headerWidth == nil { try writeHeaders() }
            }, preparing: { _ -> ((Row, inout [PhoneParse]) -> Void)? in
                let columns = Array(phoneColumns)  // the reader thread's own copy
                return { (row: Row, parsed: inout [PhoneParse]) in
                    columns.withUnsafeBufferPointer { selection.parse(row, columns: $0, into: &parsed) }
                }
            }, ahead: { parsed in
                // The mobiles of the next rows: their deduplication slots, read together.
                for result in parsed {
                    if case .number(let number) = result, number.kind.receivesSMS { self.seen.warm(number.e164) }
                }
            }, row: { (row: Row, parsed: UnsafeBufferPointer<PhoneParse>) in
                let width = row.width
                if countsRagged, row.count < counts.columns { counts.raggedRows += 1 }
                // Values beyond the header get columns of their own.
                while mappedWidth < width { addColumn("", at: mappedWidth) }
                if let rejected = selection.evaluate(row, columns: UnsafeBufferPointer(phoneColumns), parsed: parsed,
                                                     source: sourceIndex, seen: &seen, kept: &kept) {
                    counts.rejects += 1
                    try writeReject(row, width: width, rejected)
                } else {
                    for keep in kept {
                        counts.contacts += 1
                        try writeContact(row, width: width, keep)
                    }
                }
            })
        }
        counts.headerRow = pass.headerRow
        counts.rows = pass.rows
        counts.blankRows = pass.blankRows
        return counts
    }

    /// The file columns that hold phone numbers: those named by
    /// `--phone-columns`, or those whose header says so.
    private func resolvePhoneColumns(_ headers: [String], file: DataLocation) throws -> [Int] {
        let named = headers.filter { !$0.isEmpty }
        if let wanted = configuration.phoneColumns {
            return try wanted.map { name in
                guard let index = ColumnKey.find(name, in: headers) else {
                    var location = file
                    location.option = "--phone-columns"
                    throw ImportError(
                        .unknownPhoneColumn, at: location, "there is no column \"\(name)\"",
                        hint: String("\(Suggestions.didYouMean(name, among: named)) Its columns are: \(named.joined(separator: ", ")).".drop { $0 == " " }))
                }
                return index
            }
        }
        let found = headers.indices.filter { PhoneHeaders.isPhone(headers[$0]) }
        guard !found.isEmpty else {
            throw ImportError(
                .noPhoneColumn, at: file, "no column looks like a phone number (TELEPHONE, Portable, Mobile, GSM...)",
                hint: "Name the phone columns with --phone-columns, e.g. --phone-columns \"\(named.first ?? "TEL")\". Its columns are: \(named.joined(separator: ", ")).")
        }
        return found
    }

    private func writeHeaders() throws {
        headerWidth = columns.names.count
        try contacts.record(Self.contactColumns + columns.names)
        try rejects.record(Self.rejectColumns + columns.names)
    }

    // MARK: - Rows

    @inline(__always)
    private func writeContact(_ row: Row, width: Int, _ keep: PhoneSelection.Kept) throws {
        try contacts.field(source)
        try contacts.field(row.number)
        // E.164: `+` and at most 15 digits, which an Int holds.
        try contacts.field(Int(keep.number.e164), prefix: UInt8(ascii: "+"))
        try contacts.field(row[keep.column])
        regionCounts[keep.number.territory] += 1
        try writeUserColumns(row, width: width, to: contacts)
    }

    private func writeReject(_ row: Row, width: Int, _ rejected: PhoneSelection.Rejected) throws {
        let rawCell = rejected.column.map { row[$0] } ?? UnsafeBufferPointer(start: nil, count: 0)
        let first = rejected.duplicateOf.map { (source: String(decoding: sources[$0.source], as: UTF8.self), row: $0.row) }
        let reason = reasonIndex(rejected.reason)
        reasonCounts[reason].count += 1
        try rejects.field(source)
        try rejects.field(row.number)
        try rejects.field(rawCell)
        try rejects.field(reasonCounts[reason].code)
        try rejects.field(first.map { "\($0.source):\($0.row)" } ?? "")
        if let detail = reasonCounts[reason].detail {
            try rejects.field(detail)
        } else {
            let raw = String(decoding: rawCell, as: UTF8.self)
            try rejects.field(rejected.reason.detail(raw: raw, duplicateOf: first, language: configuration.language))
        }
        try writeUserColumns(row, width: width, to: rejects)
    }

    /// Where `reason` is counted in `reasonCounts` (added at its first reject).
    private func reasonIndex(_ reason: RejectReason) -> Int {
        if let index = reasonCounts.firstIndex(where: { $0.reason == reason }) { return index }
        // The detail is kept when two different rows give the same sentence:
        // then it quotes neither the cell nor the first occurrence.
        let language = configuration.language
        let one = reason.detail(raw: "1", duplicateOf: ("a", 1), language: language)
        let other = reason.detail(raw: "2", duplicateOf: ("b", 2), language: language)
        reasonCounts.append((reason, reason.code, one == other ? one : nil, 0))
        return reasonCounts.count - 1
    }

    @inline(__always)
    private func writeUserColumns(_ row: Row, width: Int, to writer: CSVWriter) throws {
        let outputWidth = userWidth
        if identity, mappedWidth == outputWidth {
            // The first file's columns are the output's: no remapping.
            try writer.fields(of: row, count: outputWidth)
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
        try contacts.flush()
        try rejects.flush()
    }

    /// Copies an output written to `path` into `output` under the full
    /// header, padding the rows written before columns were added.
    func rewrite(from path: String, reserved: [String], into output: CSVWriter) throws {
        let reader = try CSVReader(input: InputFile(path: path))
        let width = reserved.count + columns.names.count
        var first = true
        try reader.forEachRow { row in
            if first {
                first = false
                try output.record(reserved + columns.names)
                return
            }
            for index in 0..<width { try output.field(row[index]) }
            try output.endRecord()
        }
        try output.flush()
    }
}
