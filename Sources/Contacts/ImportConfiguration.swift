import TextoCore

/// What `texto-import` was asked to do, resolved from its command line.
public struct ImportConfiguration: Sendable {
    /// Which mobiles of a contact become output rows.
    public enum PhonePolicy: String, Sendable, CaseIterable {
        /// The first mobile found across the phone columns, in column order.
        case first
        /// One output row per distinct mobile of the contact.
        case all
    }

    /// Input files in order; `-` is standard input.
    public var inputs: [String]
    /// The contacts CSV (`-` for standard output).
    public var output: String
    /// The rejects CSV.
    public var rejects: String
    /// The sheet to read in workbooks: a name or a 1-based position.
    public var sheet: String?
    /// The region of numbers written without a country code (ISO, `FR`).
    public var country = "FR"
    /// Regions whose mobiles are kept; nil keeps every region of the plan.
    public var countries: Set<String>?
    /// Phone columns by name, in order; nil finds them by their headers.
    public var phoneColumns: [String]?
    public var phones = PhonePolicy.first
    /// The language of the sentences people read (`_detail` in the rejects).
    public var language = Language.fr
    /// The run fails (exit 65, the outputs written) when a larger share
    /// of the rows is rejected (0 to 1).
    public var maxRejectRate: Double?
    /// The bytes a workbook may inflate to, per part and in all (`ZipLimits`); nil for the default.
    public var maxInflatedSize: Int?
    /// Called now and then with the file being read and the rows read so
    /// far in it (the executable shows it when a person is watching).
    public var progress: (@Sendable (_ file: String, _ rows: Int) -> Void)?

    public init(inputs: [String], output: String, rejects: String, sheet: String? = nil) {
        self.inputs = inputs
        self.output = output
        self.rejects = rejects
        self.sheet = sheet
    }
}
