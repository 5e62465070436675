import TextoCore

/// What `texto-simulate` is asked to play: which batches, what share of
/// the messages end which way, how fast, how messy the gateway's files are.
public struct SimulationConfiguration: Sendable {
    /// Batch files or their folders (`BatchReader.files`).
    public var batches: [String]
    /// The folder the gateway's files go into (created if missing).
    public var out: String

    /// Shares of the messages whose final receipt says DELIVRD, EXPIRED (or
    /// DELETED) and UNDELIV (or REJECTD); the rest gets no final receipt
    /// (pending). Each from 0 to 1, their sum at most 1.
    public var delivered = 0.947
    public var expired = 0.028
    public var failed = 0.025
    /// Shares of the delivered messages answered with an opt-out (STOP and
    /// its variants) and with another reply (some of which merely contain
    /// "stop" in a sentence).
    public var stop = 0.002
    public var reply = 0.01
    /// Delivery latency: a log-normal law with this median and 90th
    /// percentile, in seconds.
    public var latencyMedian = 6.0
    public var latencyP90 = 45.0
    /// Seconds a network keeps trying a message (the usual 48 hours): an
    /// undelivered one expires then, and no delivery comes later.
    static let validity = 172_800
    /// The share of receipts written messily: a final receipt written twice,
    /// an id upper-cased or without its leading zeros, two lines swapped.
    public var noise = 0.02
    /// Receipts carry the SMSC's ids (mapped to ours by `submit.log`), as
    /// most gateways do, or ours.
    public var ids = ReceiptIDs.smsc
    /// Replies as Gammu inbox files or one CSV.
    public var replies = ReplyFormat.gammu
    /// Receipt dates with seconds (`YYMMDDhhmmss`), as some SMSCs write them.
    public var dateSeconds = false
    /// Same seed, same files.
    public var seed: UInt64 = 1

    public enum ReceiptIDs: String, Sendable, CaseIterable {
        case smsc, ours
    }

    public enum ReplyFormat: String, Sendable, CaseIterable {
        case gammu, csv
    }

    public init(batches: [String], out: String) {
        self.batches = batches
        self.out = out
    }

    /// Refuses shares outside 0...1, final shares over 1, and a latency
    /// whose 90th percentile is not above its median.
    func validate() throws(SimulationError) {
        let shares = [("--delivered", delivered), ("--expired", expired), ("--failed", failed), ("--stop", stop),
                      ("--reply", reply), ("--noise", noise)]
        for (option, value) in shares where !(0...1).contains(value) {
            throw SimulationError(.invalidOption, at: DataLocation(option: option), "\(value) is not a share",
                                  hint: "Give a number from 0 to 1: 0.947 for 94.7 %.")
        }
        guard delivered + expired + failed <= 1 + 1e-9 else {
            throw SimulationError(.invalidOption, at: DataLocation(option: "--delivered"),
                                  "--delivered, --expired and --failed add up to \(delivered + expired + failed), more than 1",
                                  hint: "Give shares that add up to 1 at most; what is left gets no final receipt (pending).")
        }
        guard stop + reply <= 1 + 1e-9 else {
            throw SimulationError(.invalidOption, at: DataLocation(option: "--stop"), "--stop and --reply add up to more than 1",
                                  hint: "They are shares of the delivered messages: give at most 1 in all.")
        }
        guard latencyMedian > 0, latencyP90 > latencyMedian, latencyP90 <= Double(Self.validity) else {
            throw SimulationError(.invalidOption, at: DataLocation(option: "--latency"),
                                  "a median of \(latencyMedian) s and a 90th percentile of \(latencyP90) s",
                                  hint: "Give a median above 0 and a 90th percentile above it, at most \(Self.validity) s "
                                      + "(the 48-hour validity), e.g. --latency 6,45.")
        }
    }
}

/// Why a simulation cannot run: an option out of range, an output that
/// cannot be written.
public typealias SimulationError = Failure<SimulationErrorCode>

public enum SimulationErrorCode: String, ErrorCode {
    /// A share, a latency or a seed that cannot work.
    case invalidOption
    /// There were no messages in the batches given.
    case noMessages

    public var category: ErrorCategory {
        switch self {
        case .invalidOption: return .usage
        case .noMessages: return .data
        }
    }
}
