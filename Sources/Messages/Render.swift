import TextoCore
import Foundation
import TableStage
import Tables

/// `texto-render`: every recipient's message, with its exact size and cost,
/// before anything is sent.
///
/// Checked before any row: the template parses, every field exists, a
/// marketing message has its opt-out mention, and the template alone fits
/// `--max-segments`. Then each row gets `_text`, `_encoding`, `_length`,
/// `_segments` (after Texto's columns), or goes to the rejects with
/// `empty_field:NAME` or `too_long:K`.
public enum Render {
    /// Runs the render. Throws `RenderError` for options that cannot work
    /// (no STOP mention on a marketing message, a template too long by
    /// itself, an unreadable template file), `TemplateError` for a template
    /// that does not parse or names a column the file lacks, `TableError`
    /// for an unreadable input, `OutputError` for an output that cannot be
    /// written; in every case no output is left behind.
    public static func run(_ configuration: RenderConfiguration) throws -> RenderSummary {
        let stopwatch = Stopwatch()
        if configuration.type == .marketing && (configuration.stopMention ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RenderError(
                .noStopMention, at: DataLocation(option: "--stop-mention"),
                "a marketing message must offer a free way to opt out (CNIL; Code des postes et des communications électroniques, L34-5)",
                hint: "Add --stop-mention \"STOP au 36035\" (your provider's short code), or use --type notification for a message that is not marketing.")
        }
        let template = try Template(try configuration.template.text())
        let input = try StageInput(configuration.input)
        let outputs = StageOutputs()
        let renderer = RowRenderer(configuration: configuration, template: template,
                                   output: try outputs.csv(configuration.output), rejects: try outputs.csv(configuration.rejects))
        try input.run(renderer, progress: configuration.progress)
        var summary = renderer.summary
        if let price = configuration.unitPrice {
            let cost = price.cost(units: summary.units)
            summary.costTenThousandths = cost
            summary.cost = Double(cost) / 10_000
        }
        if let preview = configuration.preview {
            try outputs.file(preview).write(renderer.previewText(summary: summary))
        }
        try outputs.commit()
        summary.seconds = stopwatch.seconds
        summary.files = .init(rejects: configuration.rejects, preview: configuration.preview)
        return summary
    }
}

/// Renders row by row once the header is known.
final class RowRenderer: RowStage {
    let configuration: RenderConfiguration
    let template: Template
    private let output: CSVWriter
    private let rejects: CSVWriter
    private var bound: BoundTemplate?
    private var header = StageHeader([])
    /// Where a shown message comes from: `_source`, `_row`, `_phone`.
    private var sourceIndex: Int?
    private var rowIndex: Int?
    private var phoneIndex: Int?
    private let transliteration = Transliteration()
    private var replaced: [Character: Int] = [:]
    private var lengths: [Int] = []
    /// Running mean length of each field, for blaming the one that pushed a message over.
    private var meanLengths: [Double] = []
    private var templateSegments = 1
    private(set) var summary = RenderSummary()

    /// The preview's messages: the first five and the five longest.
    struct Shown {
        var source: String
        var row: Int
        var phone: String
        var text: String
        var count: SMSCount
    }
    private(set) var first: [Shown] = []
    private(set) var longest: [Shown] = []

    init(configuration: RenderConfiguration, template: Template, output: CSVWriter, rejects: CSVWriter) {
        self.configuration = configuration
        self.template = template
        self.output = output
        self.rejects = rejects
    }

    func take(_ row: Row) throws {
        guard let bound else { return }
        summary.rows += 1
        if let empty = bound.render(row, onEmpty: configuration.onEmpty, into: &rendered, lengths: &lengths) {
            try reject(row, "empty_field:" + empty)
            return
        }
        finish(&rendered)
        let count = message.withUnsafeBufferPointer { SMS.count(utf8: $0) }
        if let maximum = configuration.maxSegments, count.segments > maximum {
            try reject(row, "too_long:\(count.segments)")
            return
        }
        record(row, count: count)
        if count.encoding == .ucs2 && !configuration.unicode { countUnicodeCharacters() }
        try output.record(row, width: header.count, inserting: header.ownedPrefix) {
            try message.withUnsafeBufferPointer { try output.field($0) }
            try output.field(count.encoding.rawValue)
            try output.field(count.length)
            try output.field(count.segments)
        }
    }

    /// Characters with no GSM equivalent left in a message (they made it
    /// UCS-2 although transliteration was on): the warning of the preview.
    private var unicodeCharacters: [Unicode.Scalar: Int] = [:]

    private func countUnicodeCharacters() {
        GSMAlphabet.table.withUnsafeBufferPointer { table in
            for scalar in String(decoding: message, as: UTF8.self).unicodeScalars
            where GSMAlphabet.septets(scalar.value, in: table) == 0 && scalar.properties.generalCategory != .format {
                unicodeCharacters[scalar, default: 0] += 1
            }
        }
    }

    /// Reused buffers: the rendered template, and the message as sent.
    private var rendered: [UInt8] = []
    private var message: [UInt8] = []
    private lazy var mention: [UInt8]? = configuration.type == .marketing ? configuration.stopMention.map { Array("\n\($0)".utf8) } : nil

    /// Turns `rendered` into `message` on bytes: the mention on its own
    /// line, NFC (through a `String` only when some character may change),
    /// transliterated unless `--unicode`.
    private func finish(_ rendered: inout [UInt8]) {
        if let mention { rendered.append(contentsOf: mention) }
        message.removeAll(keepingCapacity: true)
        if rendered.withUnsafeBufferPointer({ SMS.mayNeedNormalization($0) }) {
            var normalized = SMS.normalize(String(decoding: rendered, as: UTF8.self))
            rendered.removeAll(keepingCapacity: true)
            normalized.withUTF8 { rendered.append(contentsOf: $0) }
        }
        if configuration.unicode {
            swap(&message, &rendered)
        } else {
            rendered.withUnsafeBufferPointer { _ = transliteration.transliterate($0, into: &message, replaced: &replaced) }
        }
    }

    /// The message as sent: the mention on its own line, NFC, transliterated
    /// unless `--unicode`; replaced characters are counted in `counts`.
    private func finished(_ rendered: String, counting counts: inout [Character: Int]) -> String {
        var text = rendered
        if configuration.type == .marketing, let mention = configuration.stopMention {
            text += "\n" + mention
        }
        // `apply` normalizes (NFC) before it transliterates.
        return configuration.unicode ? SMS.normalize(text) : transliteration.apply(text, replaced: &counts)
    }

    func start(header: StageHeader) throws {
        self.header = header
        let bound = try BoundTemplate(template, header: header.names)
        self.bound = bound
        meanLengths = Array(repeating: 0, count: bound.fields.count)
        sourceIndex = header.index(of: OwnedColumn.source)
        rowIndex = header.index(of: OwnedColumn.row)
        phoneIndex = header.index(of: OwnedColumn.phone)
        var ignored: [Character: Int] = [:]
        let skeleton = SMS.count(finished(bound.skeleton, counting: &ignored))
        templateSegments = skeleton.segments
        summary.templateSegments = skeleton.segments
        summary.spareCharacters = SMS.spare(skeleton)
        if let maximum = configuration.maxSegments, skeleton.segments > maximum {
            throw RenderError(
                .templateTooLong, at: DataLocation(option: "--template"),
                "the template alone (fields empty\(configuration.type == .marketing ? ", with the STOP mention" : "")) takes \(skeleton.segments) SMS, more than --max-segments \(maximum)",
                hint: "Shorten the template, or raise --max-segments.")
        }
        try output.record(header.inserting([OwnedColumn.text, OwnedColumn.encoding, OwnedColumn.length, OwnedColumn.segments]))
        try rejects.record(header.inserting([OwnedColumn.reason]))
    }

    private func reject(_ row: Row, _ reason: String) throws {
        summary.rejects[reason, default: 0] += 1
        try rejects.record(row, width: header.count, inserting: header.ownedPrefix) { try rejects.field(reason) }
    }

    private func record(_ row: Row, count: SMSCount) {
        summary.messages += 1
        summary.units += count.segments
        summary.segments[String(count.segments), default: 0] += 1
        summary.encodings[count.encoding.rawValue, default: 0] += 1
        if count.segments > templateSegments, !lengths.isEmpty {
            // Blame the field furthest above its usual length.
            var blamed = 0
            var excess = -Double.infinity
            for (index, length) in lengths.enumerated() where Double(length) - meanLengths[index] > excess {
                excess = Double(length) - meanLengths[index]
                blamed = index
            }
            summary.extraSMS[bound!.fields[blamed].header, default: 0] += 1
        }
        let n = Double(summary.messages)
        for (index, length) in lengths.enumerated() where index < meanLengths.count {
            meanLengths[index] += (Double(length) - meanLengths[index]) / n
        }
        if first.count < 5 || longest.count < 5 || count.length > (longest.last?.count.length ?? 0) {
            // The contact's own file and row (`_source`, `_row`), not the
            // audience file's: that is where the accountant finds it.
            let shown = Shown(source: sourceIndex.map { row.string(at: $0) } ?? configuration.input,
                              row: rowIndex.flatMap { Int(row.string(at: $0)) } ?? row.number,
                              phone: phoneIndex.map { row.string(at: $0) } ?? "",
                              text: String(decoding: message, as: UTF8.self), count: count)
            if first.count < 5 { first.append(shown) }
            if longest.count < 5 || count.length > longest.last!.count.length {
                longest.append(shown)
                longest.sort { $0.count.length > $1.count.length }
                if longest.count > 5 { longest.removeLast() }
            }
        }
    }

    func finish() throws {
        summary.unicodeCharacters = Dictionary(uniqueKeysWithValues: unicodeCharacters.map { (String($0.key), $0.value) })
        var none: [Character: Int] = [:]
        summary.replaced = Dictionary(uniqueKeysWithValues: replaced.map { character, count in
            ("\(character) → \(transliteration.apply(String(character), replaced: &none))", count)
        })
        try output.flush()
        try rejects.flush()
    }
}
