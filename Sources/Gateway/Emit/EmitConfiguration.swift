import Foundation
import Store
import TextoCore

/// What `texto-emit` is asked to do: which messages, for which campaign,
/// in which files, when, and where the store is.
public struct EmitConfiguration: Sendable {
    /// Where the messages come from.
    public enum Source: Sendable, Equatable {
        /// `texto-render`'s output (`_phone`, `_text`, and Texto's other columns).
        case messages(String)
        /// A one-off message without a messages file (`--to`, `--text`):
        /// the numbers as typed, normalized as the import does.
        case oneOff(to: [String], text: String)
    }

    public var source: Source
    /// `[A-Za-z0-9_-]{1,32}`: it names the batch files and the ledger rows.
    public var campaign: String
    /// The campaign's name for people; default its id.
    public var campaignName: String?
    /// The campaign's category: a label for reports (`relance`,
    /// `anniversaire`), and for a notification what its recipients'
    /// opt-outs cover (`rappels`).
    public var category: String?
    /// The template the messages were rendered from, recorded with the campaign.
    public var template: String?
    public var sender: String
    /// Marketing (the legal window, the opt-out mention) or a notification.
    public var type: CampaignType = .marketing

    /// The opt-outs that keep a number from this campaign (besides those
    /// of every campaign): all marketing's, or its category's.
    var suppressionScope: SuppressionScope { .of(type: type, category: category) }

    public var format: BatchFormat = .csv
    /// The folder the batch files go into (created if missing).
    public var out: String
    public var chunk: Int?
    /// Where the manifest goes; default `<out>/manifest.json`.
    public var manifest: String?
    public var batchOptions = BatchOptions()

    /// `--at`; nil: the first send time of an earlier emit of the same
    /// campaign (so that re-running it changes nothing), else now.
    public var start: SendStart?
    /// `--window`; nil: legal for marketing, none for notifications.
    public var window: WindowKind?
    public var hours: SendHours = .standard
    public var holidays: FrenchHolidays = .national
    /// `--rate`; nil: every message at the first send time.
    public var rate: SendRate?

    /// The store file.
    public var store: String
    /// The rows dropped at the last moment (STOP, NPAI since targeting), with `_reason`.
    public var excluded: String?
    /// The rows that cannot be sent (no valid mobile, no text, a number twice), with `_reason`.
    public var rejects: String?
    /// `--test-to`: write only a test batch to these numbers.
    public var testTo: [String] = []
    /// `--replace`: rewrite a campaign emitted before with other content
    /// (refused once a report for it was ingested).
    public var replace = false

    /// The region of numbers written without a country code (`--to`, or
    /// a hand-made messages file).
    public var country = "FR"
    /// Euros per SMS, for the cost in the summary.
    public var unitPrice: UnitPrice?
    /// One-off marketing text: the opt-out mention added on its own line.
    public var stopMention: String?
    /// One-off text: keep characters outside the GSM alphabet.
    public var unicode = false

    public var language: Language = .fr
    /// Now, in Unix seconds (tests set it).
    public var now: Int = Int(Date().timeIntervalSince1970)
    public var progress: (@Sendable (Int) -> Void)?

    public init(source: Source, campaign: String, sender: String, out: String, store: String) {
        self.source = source
        self.campaign = campaign
        self.sender = sender
        self.out = out
        self.store = store
    }

    /// The window the campaign's type and `--window` give.
    var sendWindow: SendWindow {
        SendWindow(window ?? (type == .marketing ? .legal : .none), hours: hours, holidays: holidays)
    }

    /// True for a test send.
    var isTest: Bool { !testTo.isEmpty }

    /// The batch files' base name.
    var batchName: String { isTest ? campaign + "-test" : campaign }
}
