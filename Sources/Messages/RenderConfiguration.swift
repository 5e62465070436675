import Foundation
import TextoCore
import Tables

/// What `texto-render` was asked to do, resolved from its command line.
public struct RenderConfiguration: Sendable {
    /// Where the template comes from.
    public enum TemplateSource: Sendable {
        /// `--template TEXT`.
        case text(String)
        /// `--template-file FILE` (UTF-8; a final line break is dropped).
        case file(String)

        /// The template's text. Throws `RenderError.templateFileUnreadable`
        /// (exit 66) for a file that cannot be read.
        func text() throws -> String {
            switch self {
            case .text(let text): return text
            case .file(let path):
                guard let contents = FileManager.default.contents(atPath: path) else {
                    throw RenderError(.templateFileUnreadable, at: DataLocation(option: "--template-file", file: path),
                                      "cannot read the file", hint: "Check the path, and that this user may read it.")
                }
                return String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .newlines)
            }
        }
    }

    public var input: String
    public var output: String
    public var rejects: String
    public var template: TemplateSource
    public var type = CampaignType.marketing
    /// Appended on a new line to marketing messages, counted (`STOP au 36035`).
    public var stopMention: String?
    /// Keep characters outside GSM 03.38 (the message goes as UCS-2)
    /// instead of replacing them.
    public var unicode = false
    /// Rows whose message needs more SMS go to the rejects (`too_long:K`).
    public var maxSegments: Int?
    /// Price of one SMS, for the estimated cost.
    public var unitPrice: UnitPrice?
    public var onEmpty = BoundTemplate.EmptyPolicy.skip
    /// Where the preview goes (nil: none).
    public var preview: String?
    public var language = Language.fr
    /// Called now and then with the rows rendered so far (the executable
    /// shows it when a person is watching).
    public var progress: (@Sendable (_ rows: Int) -> Void)?

    public init(input: String, output: String, rejects: String, template: TemplateSource) {
        self.input = input
        self.output = output
        self.rejects = rejects
        self.template = template
    }
}

/// A rendering the options forbid, found before any row is rendered.
public typealias RenderError = Failure<RenderErrorCode>

public enum RenderErrorCode: String, ErrorCode {
    /// A marketing message without `--stop-mention`.
    case noStopMention
    /// The template alone needs more SMS than `--max-segments`.
    case templateTooLong
    /// `--template-file` cannot be read (exit 66).
    case templateFileUnreadable

    public var category: ErrorCategory { self == .templateFileUnreadable ? .noInput : .usage }
}

/// What was rendered: the figures of the summary line, `--summary` and the preview.
public struct RenderSummary: StageSummary, Codable, Equatable {
    /// Rows read.
    public var rows = 0
    /// Messages written.
    public var messages = 0
    /// Rows not rendered, by reason (`too_long:3`, `empty_field:PRENOM`).
    public var rejects: [String: Int] = [:]
    /// Recipients by number of SMS ("1": 820, "2": 34).
    public var segments: [String: Int] = [:]
    /// Messages by encoding (`GSM7`, `UCS2`).
    package var encodings: [String: Int] = [:]
    /// SMS units to pay: the sum of `_segments`.
    public var units = 0
    /// `units` × the unit price, in euros, when one was given.
    public var cost: Double?
    /// The same, exact, in ten-thousandths of a euro.
    var costTenThousandths: Int?
    /// Characters replaced by transliteration, with counts.
    public var replaced: [String: Int] = [:]
    /// Characters with no GSM equivalent that made messages UCS-2.
    package var unicodeCharacters: [String: Int] = [:]
    /// Recipients pushed into an extra SMS by their personal data, by the field responsible.
    package var extraSMS: [String: Int] = [:]
    /// SMS the template needs with empty fields (and the mention).
    package var templateSegments = 0
    /// Characters left for personal data before one more SMS is needed.
    package var spareCharacters = 0
    public var seconds = 0.0
    /// The rejects and the preview, named in the line (not in the JSON).
    var files = Files()

    struct Files: Equatable, Sendable {
        var rejects = ""
        var preview: String?
    }

    package init() {}

    /// No message at all while there were rows: every row is in the rejects.
    public var dataProblem: String? {
        rows > 0 && messages == 0 ? "no message could be rendered; see \(files.rejects) for the reason of each row" : nil
    }

    enum CodingKeys: String, CodingKey {
        case rows, messages, rejects, segments, encodings, units, cost, replaced, unicodeCharacters, extraSMS
        case templateSegments, spareCharacters, seconds
    }

    /// The one line a stage prints at the end.
    public var line: String {
        let histogram = segments.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }.map { "\($0.value) × \($0.key) SMS" }.joined(separator: ", ")
        let rejected = rejects.values.reduce(0, +)
        var text = "\(messages) messages\(histogram.isEmpty ? "" : " (\(histogram))"), \(units) SMS"
        if let costTenThousandths { text += ", estimated cost EUR \(Money.format(tenThousandths: costTenThousandths, french: false))" }
        if rejected > 0 { text += "; \(rejected) rows not rendered (" + rejects.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" }
        if !unicodeCharacters.isEmpty {
            let list = unicodeCharacters.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            text += "; warning: \(encodings["UCS2", default: 0]) messages go as Unicode because of characters without a GSM equivalent (\(list))"
        }
        if let preview = files.preview { text += "; preview in \(preview)" }
        return text
    }
}
