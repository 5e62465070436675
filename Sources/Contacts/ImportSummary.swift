import TextoCore

/// What an import read and wrote: the figures of the summary line and of
/// `--summary FILE.json`.
public struct ImportSummary: StageSummary, Codable, Equatable {
    /// One input file.
    public struct Input: Codable, Sendable, Equatable {
        /// The file as named on the command line.
        public var file: String
        /// `xlsx` or `csv`.
        public var format: String
        /// The sheet read, for workbooks.
        public var sheet: String?
        /// The encoding detected, for text files.
        public var encoding: String?
        /// The separator detected, for text files (`;`, `,`, `TAB`, `|`).
        public var separator: String?
        /// True when the file began with Excel's `sep=` line.
        package var separatorLine: Bool?
        /// The header's row number (the first non-empty row).
        package var headerRow: Int
        /// The columns of the header.
        public var columns: Int
        /// The columns read as phone numbers, in order.
        public var phoneColumns: [String]
        /// Data rows read (after the header, blank rows excluded).
        public var rows: Int
        /// Blank rows skipped.
        package var blankRows: Int
        /// Rows with fewer fields than the header, padded with empty cells.
        package var raggedRows: Int
        /// Rows written to the contacts file (more than the rows kept with `--phones all`).
        public var contacts: Int
        /// Rows written to the rejects file.
        public var rejects: Int
        /// Bytes read from the file.
        public var bytes: Int
        /// Bytes the workbook's shared-string table held in memory: the only
        /// memory that grows with the file.
        package var sharedStringBytes: Int?
        /// Seconds spent on this file.
        public var seconds: Double
    }

    public var inputs: [Input] = []
    /// Data rows read across all inputs.
    public var rows = 0
    /// Rows written to the contacts file: valid mobiles.
    public var contacts = 0
    /// Rows written to the rejects file.
    public var rejects = 0
    /// Rejected rows by reason (`missing`, `invalid:letters`, `duplicate`...).
    package var reasons: [String: Int] = [:]
    /// Contacts by region of their mobile (`FR`, `RE`, `BE`...).
    public var regions: [String: Int] = [:]
    /// Columns of the contacts file, Texto's included.
    public var columns = 0
    /// Seconds for the whole import.
    public var seconds = 0.0
    /// What makes the data unusable although the outputs are written (not in the JSON).
    var problem: String?

    enum CodingKeys: String, CodingKey {
        case inputs, rows, contacts, rejects, reasons, regions, columns, seconds
    }

    package init() {}

    /// No usable mobile at all, or more rejects than `--max-reject-rate`.
    public var dataProblem: String? { problem }

    /// Rejected rows as a share of the rows read (0 when nothing was read).
    package var rejectRate: Double { rows == 0 ? 0 : Double(rejects) / Double(rows) }

    /// Rejected rows by reason family (`invalid`, `not_mobile`...).
    package var reasonFamilies: [String: Int] {
        reasons.reduce(into: [:]) { counts, entry in counts[String(entry.key.prefix { $0 != ":" }), default: 0] += entry.value }
    }

    /// The one line a stage prints at the end.
    public var line: String {
        let files = inputs.map { input -> String in
            var parts = [input.format.uppercased()]
            if let sheet = input.sheet { parts.append("sheet \"\(sheet)\"") }
            if let encoding = input.encoding { parts.append(encoding) }
            if let separator = input.separator { parts.append("separator \(separator)") }
            if input.raggedRows > 0 { parts.append("\(input.raggedRows) short rows padded") }
            return "\(input.file) (\(parts.joined(separator: ", ")))"
        }
        let rate = seconds > 0 ? Int(Double(rows) / seconds) : 0
        let kept = regions.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let families = ["missing", "invalid", "not_mobile", "country_not_allowed", "duplicate"]
            .compactMap { family in reasonFamilies[family].map { "\(family) \($0)" } }.joined(separator: ", ")
        return "read \(rows) rows from \(files.joined(separator: ", ")); "
            + "\(contacts) contacts\(kept.isEmpty ? "" : " (\(kept))"), \(rejects) rejects\(families.isEmpty ? "" : " (\(families))") "
            + "in \(String(format2: seconds)) s (\(rate) rows/s)"
    }
}

extension String {
    /// A number with two decimals, without Foundation's formatter.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
