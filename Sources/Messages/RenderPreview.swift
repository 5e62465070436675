import TextoCore

extension RowRenderer {
    /// The preview a person reads before sending (`preview.txt`): SMS per
    /// recipient, the total and its cost, what was replaced or made the
    /// messages Unicode, who took an extra SMS and why, and the first and
    /// longest messages as they will arrive, part by part. French by
    /// default, English with `--lang en`.
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
            let unit = Money.format(tenThousandths: price.tenThousandths, decimals: 4, french: french)
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
