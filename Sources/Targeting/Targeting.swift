import TableStage
import Tables
import TextoCore

/// `texto-target`: who receives the campaign, and why the others don't.
///
/// Every row of the contacts file goes to the audience or to the excluded
/// file with one reason, checked in this order (the first that applies is
/// given): `no_phone`, `stop`, `npai`, `manual` (the store's suppressions,
/// always applied), `no_consent`, `seen_before` (a pipeline's "new since
/// the last run"), `campaign:ID`, `not_in_campaign:ID`,
/// `delivered:ID`, `replied:ID` (follow-ups), `max_sends`,
/// `unreadable:COLUMN`, `filter`.
public enum Targeting {
    /// Rows read before the filter is compiled, to learn the columns' types.
    static let sampleSize = 1000

    /// Runs the targeting. Throws `TableError` for an unreadable input,
    /// `TargetError` for options the file or the store contradicts,
    /// `ExpressionError` for a filter that cannot be used, `StoreError`
    /// for a store that cannot be read, `OutputError` for an output that
    /// cannot be written; in every case no output is left behind, and the
    /// store is opened only once the filter and the columns check out.
    public static func run(_ configuration: TargetConfiguration) throws -> TargetSummary {
        let stopwatch = Stopwatch()
        let input = try StageInput(configuration.input)
        let outputs = StageOutputs()
        let decider = RowDecider(configuration: configuration,
                                 audience: try outputs.csv(configuration.output), excluded: try outputs.csv(configuration.excluded))
        try input.run(decider, progress: configuration.progress)
        try outputs.commit()
        var summary = decider.summary
        summary.date = configuration.today.description
        summary.seconds = stopwatch.seconds
        return summary
    }
}

/// Decides row by row, once the header and a sample are known.
final class RowDecider: RowStage {
    private let configuration: TargetConfiguration
    private let audience: CSVWriter
    private let excluded: CSVWriter
    private(set) var summary = TargetSummary()

    private var header = StageHeader([])
    private var sample: [(number: Int, cells: [String])] = []
    private var filter: Filter?
    private var exclusions = Exclusions()
    private var phoneIndex = 0
    private var consentIndex: Int?

    init(configuration: TargetConfiguration, audience: CSVWriter, excluded: CSVWriter) {
        self.configuration = configuration
        self.audience = audience
        self.excluded = excluded
    }

    func start(header: StageHeader) throws {
        self.header = header
    }

    func take(_ row: Row) throws {
        if filter == nil && sample.count < Targeting.sampleSize {
            sample.append((row.number, (0..<row.count).map { row.string(at: $0) }))
            if sample.count == Targeting.sampleSize { try begin() }
            return
        }
        try decide(row)
    }

    func finish() throws {
        if filter == nil { try begin() }
        try audience.flush()
        try excluded.flush()
    }

    /// Once the header and a sample are known: resolves the columns,
    /// compiles the filter, loads the store's exclusions, writes the
    /// headers, and decides the sampled rows.
    private func begin() throws {
        let names = header.names
        guard let phone = header.index(of: OwnedColumn.phone) else {
            throw TargetError(.noPhoneColumn, at: DataLocation(file: configuration.input), "there is no _phone column",
                              hint: "Run texto-import on the spreadsheet first: targeting works on its contacts file.")
        }
        phoneIndex = phone
        if let consent = configuration.consentColumn {
            guard let index = header.index(of: consent) else {
                throw TargetError(.unknownConsentColumn, at: DataLocation(option: "--consent-column", file: configuration.input),
                                  "there is no column \"\(consent)\"",
                                  hint: String("\(Suggestions.didYouMean(consent, among: names)) Its columns are: \(names.joined(separator: ", ")).".drop { $0 == " " }))
            }
            consentIndex = index
        }
        let samples = sample.map(\.cells)
        filter = try Filter(configuration.filter ?? "", header: names, sample: samples, today: configuration.today, allowEmpty: true)
        exclusions = try configuration.exclusions.load(today: configuration.today)
        try audience.record(names)
        try excluded.record(header.inserting([OwnedColumn.reason]))
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
        if let reason = reason(for: row) {
            summary.excluded[reason, default: 0] += 1
            try excluded.record(row, width: header.count, inserting: header.ownedPrefix) { try excluded.field(reason) }
        } else {
            summary.audience += 1
            try audience.fields(of: row, count: header.count)
            try audience.endRecord()
        }
    }

    /// The first reason that applies, or nil for the audience.
    private func reason(for row: Row) -> String? {
        let phoneCell = row[phoneIndex]
        guard let e164 = Self.e164(phoneCell) else { return "no_phone" }
        if let suppression = exclusions.suppressed[e164] { return suppression.rawValue }
        if exclusions.isErased("+\(e164)") { return "stop" }
        if let consentIndex {
            TextFold.fold(row[consentIndex], into: &scratch)
            if !Self.yes.contains(scratch) { return "no_consent" }
        }
        if let seen = exclusions.seenBefore, seen.contains(e164) { return "seen_before" }
        for campaign in exclusions.campaigns where campaign.recipients.contains(e164) {
            return "campaign:" + campaign.id
        }
        for campaign in exclusions.onlyCampaigns where !campaign.recipients.contains(e164) {
            return "not_in_campaign:" + campaign.id
        }
        for campaign in exclusions.notDelivered {
            if !campaign.recipients.contains(e164) { return "not_in_campaign:" + campaign.id }
            if campaign.delivered.contains(e164) { return "delivered:" + campaign.id }
        }
        for campaign in exclusions.replied where campaign.numbers.contains(e164) {
            return "replied:" + campaign.id
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
