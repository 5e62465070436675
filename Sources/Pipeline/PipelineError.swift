import TextoCore

/// Why a pipeline cannot run.
public typealias PipelineError = Failure<PipelineErrorCode>

public enum PipelineErrorCode: String, ErrorCode {
    /// The file is missing or unreadable.
    case missingFile
    /// Not YAML, or not the YAML of a pipeline (a wrong key, a missing one, a value of the wrong kind).
    case invalidFile
    /// A step needs a section the file does not have, or an input no glob matched.
    case incomplete
    /// Another run holds the store.
    case locked
    /// The approval asked for does not hold: nothing awaits it, or the messages changed since.
    case approvalRefused
    /// A step's data was unusable (an import with too many rejects): the run stops there.
    case unusableData
    /// A one-off pipeline's campaign was emitted by another run with other messages.
    case alreadySent

    public var category: ErrorCategory {
        switch self {
        case .missingFile: return .noInput
        case .invalidFile, .incomplete, .alreadySent: return .usage
        case .locked: return .temporary
        case .unusableData, .approvalRefused: return .data
        }
    }
}
