import Foundation
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
    public static func run(_ configuration: RenderConfiguration) throws -> RenderSummary {
        let clock = ContinuousClock()
        let started = clock.now
        if configuration.type == .marketing && (configuration.stopMention ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RenderError(
                detail: "a marketing message must offer a free way to opt out (CNIL; Code des postes et des communications électroniques, L34-5)",
                hint: "Add --stop-mention \"STOP au 36035\" (your provider's short code), or use --type notification for a message that is not marketing.")
        }
        let template = try Template(configuration.template)
        let reader = BackgroundTableReader(try Tables.open(configuration.input))
        let outputFile = try AtomicOutputFile(path: configuration.output)
        let rejectsFile = try AtomicOutputFile(path: configuration.rejects)
        let renderer = RowRenderer(configuration: configuration, template: template,
                                   output: CSVWriter(sink: outputFile), rejects: CSVWriter(sink: rejectsFile))
        try reader.forEachRow { row in try renderer.take(row) }
        try renderer.finish()
        try outputFile.commit()
        try rejectsFile.commit()
        var summary = renderer.summary
        if let price = configuration.unitPrice {
            let cost = summary.units * Money.tenThousandths(price)
            summary.costTenThousandths = cost
            summary.cost = Double(cost) / 10_000
        }
        summary.seconds = (clock.now - started).seconds
        if let preview = configuration.preview {
            let file = try AtomicOutputFile(path: preview)
            try file.write(renderer.previewText(summary: summary))
            try file.commit()
        }
        return summary
    }
}

/// Renders row by row once the header is known.
final class RowRenderer {
    private let configuration: RenderConfiguration
    private let template: Template
    private let output: CSVWriter
    private let rejects: CSVWriter
    private var bound: BoundTemplate?
    private var header: [String] = []
    private var insertAt = 0
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
    private var first: [Shown] = []
    private var longest: [Shown] = []

    init(configuration: RenderConfiguration, template: Template, output: CSVWriter, rejects: CSVWriter) {
        self.configuration = configuration
        self.template = template
        self.output = output
        self.rejects = rejects
    }

    func take(_ row: Row) throws {
        guard let bound else {
            if row.isBlank { return }
            try start(header: (0..<row.width).map { row.string(at: $0) })
            return
        }
        if row.isBlank { return }
        summary.rows += 1
        if summary.rows & 0xFFFF == 0 { configuration.progress?(summary.rows) }
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
        for index in 0..<insertAt { try output.field(row[index]) }
        try message.withUnsafeBufferPointer { try output.field($0) }
        try output.field(count.encoding.rawValue)
        try output.field(count.length)
        try output.field(count.segments)
        for index in insertAt..<header.count { try output.field(row[index]) }
        try output.endRecord()
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

    private func start(header: [String]) throws {
        self.header = header
        let bound = try BoundTemplate(template, header: header)
        self.bound = bound
        meanLengths = Array(repeating: 0, count: bound.fields.count)
        insertAt = header.prefix { $0.hasPrefix("_") }.count
        phoneIndex = ColumnKey.find("_phone", in: header)
        var ignored: [Character: Int] = [:]
        let skeleton = SMS.count(finished(bound.skeleton, counting: &ignored))
        templateSegments = skeleton.segments
        summary.templateSegments = skeleton.segments
        summary.spareCharacters = SMS.spare(skeleton)
        if let maximum = configuration.maxSegments, skeleton.segments > maximum {
            throw RenderError(
                detail: "the template alone (fields empty\(configuration.type == .marketing ? ", with the STOP mention" : "")) takes \(skeleton.segments) SMS, more than --max-segments \(maximum)",
                hint: "Shorten the template, or raise --max-segments.")
        }
        var outputHeader = header
        outputHeader.insert(contentsOf: ["_text", "_encoding", "_length", "_segments"], at: insertAt)
        try output.record(outputHeader)
        var rejectsHeader = header
        rejectsHeader.insert("_reason", at: insertAt)
        try rejects.record(rejectsHeader)
    }

    private func reject(_ row: Row, _ reason: String) throws {
        summary.rejects[reason, default: 0] += 1
        for index in 0..<insertAt { try rejects.field(row[index]) }
        try rejects.field(reason)
        for index in insertAt..<header.count { try rejects.field(row[index]) }
        try rejects.endRecord()
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
            let shown = Shown(source: row.string(at: 0), row: row.number, phone: phoneIndex.map { row.string(at: $0) } ?? "",
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
        if bound == nil {
            throw RenderError(detail: "\(configuration.input) has no row with a value", hint: "Check that this is the audience file.")
        }
        summary.unicodeCharacters = Dictionary(uniqueKeysWithValues: unicodeCharacters.map { (String($0.key), $0.value) })
        var none: [Character: Int] = [:]
        summary.replaced = Dictionary(uniqueKeysWithValues: replaced.map { character, count in
            ("\(character) → \(transliteration.apply(String(character), replaced: &none))", count)
        })
        try output.flush()
        try rejects.flush()
    }

    // MARK: - Preview

    func previewText(summary: RenderSummary) -> String {
        let french = configuration.language == .fr

        var lines: [String] = []
        lines.append(french ? "Aperçu de la campagne : \(summary.messages) messages" : "Campaign preview: \(summary.messages) messages")
        lines.append((french ? "Modèle : " : "Template: ") + "« \(template.source) »")
        if configuration.type == .marketing, let mention = configuration.stopMention {
            lines.append((french ? "Mention STOP ajoutée sur une nouvelle ligne : " : "STOP mention added on a new line: ") + "« \(mention) »")
        }
        lines.append("")
        lines.append(french ? "SMS par destinataire :" : "SMS per recipient:")
        for (segments, count) in summary.segments.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
            lines.append(french ? "  \(segments) SMS : \(count) destinataire\(count > 1 ? "s" : "")" : "  \(segments) SMS: \(count) recipient\(count > 1 ? "s" : "")")
        }
        var total = french ? "Total : \(summary.units) SMS" : "Total: \(summary.units) SMS"
        if let cost = summary.costTenThousandths, let price = configuration.unitPrice {
            let total4 = Money.format(tenThousandths: cost, french: french)
            let unit = Money.format(tenThousandths: Money.tenThousandths(price), decimals: 4, french: french)
            total += french ? ", coût estimé \(total4) € (\(unit) € le SMS)" : ", estimated cost EUR \(total4) (EUR \(unit) per SMS)"
        }
        lines.append(total)
        if !summary.rejects.isEmpty {
            let list = summary.rejects.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            lines.append((french ? "Non rendus : " : "Not rendered: ") + list)
        }
        if !summary.replaced.isEmpty {
            let list = summary.replaced.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            lines.append((french ? "Caractères remplacés par leur équivalent GSM : " : "Characters replaced by their GSM equivalent: ") + list)
        }
        if let ucs2 = summary.encodings["UCS2"], ucs2 > 0 {
            lines.append(french ? "\(ucs2) message\(ucs2 > 1 ? "s partent" : " part") en Unicode (UCS-2, 70 caractères par SMS)."
                                : "\(ucs2) message\(ucs2 > 1 ? "s go" : " goes") as Unicode (UCS-2, 70 characters per SMS).")
            if !summary.unicodeCharacters.isEmpty {
                let list = summary.unicodeCharacters.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                lines.append(french ? "Attention : ces caractères n'ont pas d'équivalent GSM et font passer les messages en Unicode : \(list). Retirez-les du modèle ou des données pour payer moins de SMS."
                                    : "Warning: these characters have no GSM equivalent and make the messages Unicode: \(list). Remove them from the template or the data to pay for fewer SMS.")
            }
        }
        let pushed = summary.extraSMS.values.reduce(0, +)
        if pushed > 0 {
            let fields = summary.extraSMS.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            lines.append(french
                ? "\(pushed) destinataire\(pushed > 1 ? "s prennent" : " prend") plus de \(summary.templateSegments) SMS à cause de valeurs longues : \(fields). Le modèle laisse \(summary.spareCharacters) caractères aux données personnelles dans \(summary.templateSegments) SMS."
                : "\(pushed) recipient\(pushed > 1 ? "s take" : " takes") more than \(summary.templateSegments) SMS because of long values: \(fields). The template leaves \(summary.spareCharacters) characters for personal data within \(summary.templateSegments) SMS.")
        } else {
            lines.append(french ? "Le modèle laisse \(summary.spareCharacters) caractères aux données personnelles dans \(summary.templateSegments) SMS."
                                : "The template leaves \(summary.spareCharacters) characters for personal data within \(summary.templateSegments) SMS.")
        }
        func show(_ title: String, _ messages: [Shown]) {
            lines.append("")
            lines.append(title)
            for message in messages {
                let unit = message.count.encoding == .gsm7 ? (french ? "septets" : "septets") : (french ? "unités" : "units")
                lines.append("--- \(message.source) \(french ? "ligne" : "row") \(message.row)\(message.phone.isEmpty ? "" : ", \(message.phone)") : \(message.count.segments) SMS, \(message.count.encoding.rawValue), \(message.count.length) \(unit)")
                let parts = SMS.parts(message.text)
                for (index, part) in parts.enumerated() {
                    let body = part.replacingOccurrences(of: "\n", with: "\n        ")
                    lines.append("  [\(index + 1)/\(parts.count)] \(body)")
                }
            }
        }
        show(french ? "Les \(first.count) premiers messages, tels qu'ils arriveront :" : "The first \(first.count) messages, as they will arrive:", first)
        show(french ? "Les \(longest.count) messages les plus longs :" : "The \(longest.count) longest messages:", longest)
        return lines.joined(separator: "\n") + "\n"
    }
}
