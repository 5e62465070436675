import TextoCore
/// What only some formats take.
public struct BatchOptions: Sendable {
    /// The CSV field separator (`--csv-delimiter`).
    public var csvDelimiter: CSVBatchWriter.Delimiter
    /// The Gammu outbox priority letter, `A` (highest) to `Z`.
    public var gammuPriority: Character
    /// Asks Gammu for delivery reports (the `d` after `.txt`).
    public var deliveryReports: Bool

    public init(csvDelimiter: CSVBatchWriter.Delimiter = .comma, gammuPriority: Character = GammuOutboxWriter.defaultPriority,
                deliveryReports: Bool = false) {
        self.csvDelimiter = csvDelimiter
        self.gammuPriority = gammuPriority
        self.deliveryReports = deliveryReports
    }
}

extension BatchFormat {
    /// A writer of this format for `configuration`.
    public func makeWriter(_ configuration: BatchConfiguration, options: BatchOptions = BatchOptions()) throws -> any BatchWriter {
        switch self {
        case .csv: return try CSVBatchWriter(configuration, delimiter: options.csvDelimiter)
        case .jsonl: return try JSONLinesBatchWriter(configuration)
        case .gammu: return try GammuOutboxWriter(configuration, priority: options.gammuPriority, deliveryReports: options.deliveryReports)
        }
    }
}

extension BatchOptions {
    /// Reads `--csv-delimiter` (`,` or `;`) and `--priority` (a letter `A`-`Z`).
    public init(csvDelimiter: String, priority: String, deliveryReports: Bool) throws(GatewayError) {
        guard let delimiter = CSVBatchWriter.Delimiter(rawValue: csvDelimiter) else {
            throw GatewayError(.invalidOption, at: DataLocation(option: "--csv-delimiter"), "\"\(csvDelimiter)\" is not a CSV separator",
                               hint: "Write , (the default) or ; (what French Excel expects).")
        }
        let letter = priority.uppercased()
        guard letter.count == 1, let character = letter.first, ("A"..."Z").contains(character) else {
            throw GatewayError(.invalidOption, at: DataLocation(option: "--priority"), "\"\(priority)\" is not a priority",
                               hint: "Write a letter from A (sent first) to Z.")
        }
        self.init(csvDelimiter: delimiter, gammuPriority: character, deliveryReports: deliveryReports)
    }
}
