import Tables

/// `texto-target`: who receives the campaign, and why the others don't.
///
/// Every row of the contacts file goes to the audience or to the excluded
/// file with one reason, checked in this order (the first that applies is
/// given): `stop`, `npai`, `manual` (the store's suppressions, always
/// applied), `no_phone`, `no_consent`, `campaign:ID`, `max_sends`,
/// `unreadable:COLUMN`, `filter`.
public enum Targeting {
    /// Rows read before the filter is compiled, to learn the columns' types.
    static let sampleSize = 1000

    public static func run(_ configuration: TargetConfiguration) throws -> TargetSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let reader = BackgroundTableReader(try Tables.open(configuration.input))
        let audienceFile = try AtomicOutputFile(path: configuration.output)
        let excludedFile = try AtomicOutputFile(path: configuration.excluded)
        let decider = RowDecider(configuration: configuration,
                                 audience: CSVWriter(sink: audienceFile), excluded: CSVWriter(sink: excludedFile))
        try reader.forEachRow { row in try decider.take(row) }
        try decider.finish()
        try audienceFile.commit()
        try excludedFile.commit()
        var summary = decider.summary
        summary.date = configuration.today.description
        summary.seconds = (clock.now - started).seconds
        return summary
    }
}

/// Decides row by row, once the header and a sample are known.
final class RowDecider {
    private let configuration: TargetConfiguration
    private let audience: CSVWriter
    private let excluded: CSVWriter
    private(set) var summary = TargetSummary()

    private var header: [String]?
    private var sample: [(number: Int, cells: [String])] = []
    private var filter: Filter?
    private var phoneIndex = 0
    private var consentIndex: Int?
    /// Where `_reason` goes in the excluded file: after the leading `_` columns.
    private var reasonPosition = 0

    init(configuration: TargetConfiguration, audience: CSVWriter, excluded: CSVWriter) {
        self.configuration = configuration
        self.audience = audience
        self.excluded = excluded
    }

    func take(_ row: Row) throws {
        if header == nil {
            if row.isBlank { return }
            header = (0..<row.width).map { row.string(at: $0) }
            return
        }
        if filter == nil && sample.count < Targeting.sampleSize {
            if row.isBlank { return }
            sample.append((row.number, (0..<row.count).map { row.string(at: $0) }))
            if sample.count == Targeting.sampleSize { try start() }
            return
        }
        if row.isBlank { return }
        try decide(row)
    }

    func finish() throws {
        if header == nil {
            throw TargetError(file: configuration.input, detail: "there is no row with a value", hint: "Check that this is the contacts file.")
        }
        if filter == nil { try start() }
        try audience.flush()
        try excluded.flush()
    }

    /// Resolves the columns, compiles the filter, writes the headers, and
    /// decides the sampled rows.
    private func start() throws {
        let header = self.header!
        let keys = header.map(ColumnKey.of)
        guard let phone = keys.firstIndex(of: ColumnKey.of("_phone")) else {
            throw TargetError(file: configuration.input, detail: "there is no _phone column",
                              hint: "Run texto-import on the spreadsheet first: targeting works on its contacts file.")
        }
        phoneIndex = phone
        if let consent = configuration.consentColumn {
            guard let index = ColumnKey.find(consent, in: header) else {
                throw TargetError(file: configuration.input, detail: "there is no column \"\(consent)\" for --consent-column",
                                  hint: "Its columns are: \(header.joined(separator: ", ")).")
            }
            consentIndex = index
        }
        let samples = sample.map(\.cells)
        filter = try Filter(configuration.filter ?? "", header: header, sample: samples, today: configuration.today, allowEmpty: true)
        reasonPosition = header.prefix { $0.hasPrefix("_") }.count
        try audience.record(header)
        var excludedHeader = header
        excludedHeader.insert("_reason", at: reasonPosition)
        try excluded.record(excludedHeader)
        let sampled = sample
        sample = []
        for (number, cells) in sampled {
            try RowStorage.withRow(cells, number: number) { try decide($0) }
        }
    }

    private static let yes: Set<[UInt8]> = Set(["oui", "o", "yes", "y", "1", "true", "vrai", "x", "ok", "optin", "opt-in", "accepte", "accepté", "d'accord"].map(TextFold.fold))

    private var scratch: [UInt8] = []

    private func decide(_ row: Row) throws {
        summary.rows += 1
        if summary.rows & 0xFFFF == 0 { configuration.progress?(summary.rows) }
        let reason = reason(for: row)
        if let reason {
            summary.excluded[reason, default: 0] += 1
            let width = header!.count
            for index in 0..<max(width, reasonPosition) {
                if index == reasonPosition { try excluded.field(reason) }
                try excluded.field(row[index])
            }
            if width == reasonPosition { try excluded.field(reason) }
            try excluded.endRecord()
        } else {
            summary.audience += 1
            for index in 0..<header!.count { try audience.field(row[index]) }
            try audience.endRecord()
        }
    }

    /// The first reason that applies, or nil for the audience.
    private func reason(for row: Row) -> String? {
        let exclusions = configuration.exclusions
        let phoneCell = row[phoneIndex]
        guard let e164 = Self.e164(phoneCell) else { return "no_phone" }
        if let suppression = exclusions.suppressed[e164] { return suppression.rawValue }
        if exclusions.isErased("+\(e164)") { return "stop" }
        if let consentIndex {
            TextFold.fold(row[consentIndex], into: &scratch)
            if !Self.yes.contains(scratch) { return "no_consent" }
        }
        for campaign in exclusions.campaigns where campaign.recipients.contains(e164) {
            return "campaign:" + campaign.id
        }
        if let maxSends = exclusions.maxSends, maxSends.counts[e164, default: 0] >= maxSends.limit { return "max_sends" }
        switch filter!.evaluate(row) {
        case .pass: return nil
        case .fail: return "filter"
        case .unreadable(let column): return "unreadable:" + column
        }
    }

    /// `+33630050660` → 33630050660; nil when the cell is not E.164.
    @inline(__always)
    static func e164(_ cell: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard cell.count > 2, cell.count <= 16, cell[0] == UInt8(ascii: "+") else { return nil }
        var value: UInt64 = 0
        for index in 1..<cell.count {
            let digit = cell[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + UInt64(digit)
        }
        return value
    }
}

/// Rows rebuilt from stored strings (the sampled rows).
enum RowStorage {
    static func withRow<R>(_ cells: [String], number: Int, _ body: (Row) throws -> R) rethrows -> R {
        let bytes = cells.map { Array($0.utf8) }
        var flat: [UInt8] = []
        var ranges: [Range<Int>] = []
        for cell in bytes {
            ranges.append(flat.count..<flat.count + cell.count)
            flat += cell
        }
        return try flat.withUnsafeBufferPointer { buffer in
            let slices = ranges.map { $0.isEmpty ? UnsafeBufferPointer<UInt8>(start: nil, count: 0) : UnsafeBufferPointer(rebasing: buffer[$0]) }
            return try slices.withUnsafeBufferPointer { pointers in
                try body(Row(number: number, cells: pointers.baseAddress ?? UnsafePointer(bitPattern: 8)!, count: pointers.count))
            }
        }
    }
}
