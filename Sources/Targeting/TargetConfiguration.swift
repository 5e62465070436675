import TextoCore

/// What `texto-target` was asked to do, resolved from its command line.
public struct TargetConfiguration: Sendable {
    /// The contacts file (`texto-import`'s output, or any table with `_phone`).
    public var input: String
    /// The audience CSV.
    public var output: String
    /// The CSV of every other row, with `_reason`.
    public var excluded: String
    /// The filter; nil keeps every row the exclusions let through.
    public var filter: String?
    /// The run date: `today` in expressions and derived fields.
    public var today: CivilDate
    /// A column that must hold a yes-like value (marketing needs consent).
    public var consentColumn: String?
    /// What excludes numbers whatever the filter: the store's lists, or
    /// given ones (tests). Loaded once the filter compiles.
    public var exclusions: ExclusionSource
    /// Called now and then with the rows decided so far (the executable
    /// shows it when a person is watching).
    public var progress: (@Sendable (_ rows: Int) -> Void)?

    public init(input: String, output: String, excluded: String, filter: String?, today: CivilDate,
                consentColumn: String? = nil, exclusions: ExclusionSource = .given(Exclusions())) {
        self.input = input
        self.output = output
        self.excluded = excluded
        self.filter = filter
        self.today = today
        self.consentColumn = consentColumn
        self.exclusions = exclusions
    }
}

/// What the targeting read and decided: the numbers a user checks before
/// sending ("l'application calculera automatiquement le nombre de destinataires").
public struct TargetSummary: StageSummary, Codable, Equatable {
    /// Rows read.
    public var rows = 0
    /// Rows in the audience.
    public var audience = 0
    /// Excluded rows by reason (`stop`, `npai`, `no_consent`, `campaign:ID`,
    /// `max_sends`, `unreadable:COLUMN`, `filter`...).
    public var excluded: [String: Int] = [:]
    /// The run date used.
    public var date: String = ""
    public var seconds = 0.0

    package init() {}

    /// An audience of no one is a result, not a failure: the excluded
    /// file says why.
    public var dataProblem: String? { nil }

    /// The one line a stage prints at the end.
    public var line: String {
        let reasons = excluded.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let total = excluded.values.reduce(0, +)
        return "\(rows) contacts on \(date): audience \(audience), excluded \(total)\(reasons.isEmpty ? "" : " (\(reasons))")"
    }
}

/// Options the contacts file or the store contradicts, found before any
/// row is decided.
public typealias TargetError = Failure<TargetErrorCode>

public enum TargetErrorCode: String, ErrorCode {
    /// The file has no `_phone` column: it is not a contacts file.
    case noPhoneColumn
    /// `--consent-column` names a column the file does not have.
    case unknownConsentColumn
    /// `--exclude-campaign` names a campaign the store does not have.
    case unknownCampaign

    /// The command line must change (exit 64).
    public var category: ErrorCategory { .usage }
}
