import TextoCore

/// Why a batch could not be written: an option the writers cannot honour,
/// a message they cannot put into their format, or a folder they cannot
/// write.
public typealias GatewayError = Failure<GatewayErrorCode>

public enum GatewayErrorCode: String, ErrorCode {
    /// The folder, a batch file or the manifest cannot be created,
    /// written, synced or renamed into place (permissions, full disk).
    case cannotWrite
    /// The campaign or file name cannot be part of a file name.
    case invalidName
    /// An option out of range: a chunk of 0, a Gammu priority that is not
    /// a letter, a chunk asked of the Gammu outbox.
    case invalidOption
    /// More files than the names can number in order (`-9999`, serial 999999).
    case tooManyFiles
    /// A message the format cannot carry: a send time without whole
    /// minutes of offset or outside years 1970-9999, a number that is not
    /// E.164 in a Gammu file name, a NUL character Gammu would cut at.
    case invalidMessage
    /// `--campaign` cannot be a campaign id (`[A-Za-z0-9_-]{1,32}`).
    case invalidCampaign
    /// `--sender` breaks the operators' rules (11 letters or digits, or 15 digits).
    case invalidSender
    /// A number of `--to` or `--test-to` that cannot receive an SMS.
    case invalidRecipient
    /// A one-off marketing text without `--stop-mention`.
    case noStopMention
    /// The messages file lacks `_phone` or `_text`.
    case missingColumns
    /// The campaign was emitted before with other messages, and `--replace` was not given.
    case alreadyEmitted
    /// `--replace` on a campaign whose reports or replies were ingested.
    case reportsIngested
    /// A file given as a batch that no writer makes, or that is damaged.
    case unreadableBatch

    public var category: ErrorCategory {
        switch self {
        case .cannotWrite: return .cannotCreate
        case .invalidName, .invalidOption, .tooManyFiles, .invalidCampaign, .invalidSender, .invalidRecipient, .noStopMention,
             .alreadyEmitted, .reportsIngested:
            return .usage
        case .invalidMessage, .missingColumns, .unreadableBatch: return .data
        }
    }
}

extension Failure where Kind == GatewayErrorCode {
    /// `path` could not be written: `operation` failed with the system's `reason`.
    static func cannotWrite(_ path: String, _ operation: String, cause: String) -> GatewayError {
        GatewayError(.cannotWrite, at: DataLocation(file: path), "cannot \(operation)",
                     hint: "Check that the folder exists and is writable, and that the disk is not full.", cause: cause)
    }

    /// The message to `message.to` cannot be written: `detail`.
    static func invalidMessage(_ message: GatewayMessage, _ detail: String, hint: String) -> GatewayError {
        GatewayError(.invalidMessage, at: .none, "message \(message.id) to \(message.to): \(detail)", hint: hint)
    }
}
