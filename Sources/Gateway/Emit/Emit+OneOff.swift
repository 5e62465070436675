import Messages
import Phones
import TableStage
import Tables
import TextoCore

/// A one-off message without a messages file (MONEY's "SMS Notification",
/// ARA's "plusieurs numéros séparés par un ;"): `--to` and `--text`.
struct OneOff {
    /// The numbers, normalized, in the order given.
    var numbers: [(typed: String, number: PhoneNumber)]
    /// The text as sent: the mention added, transliterated unless `--unicode`.
    var text: String
    var count: SMSCount
}

extension Emit {
    /// The one-off message `--to` and `--text` describe, nil for a messages
    /// file. The numbers are read as the import reads them, the text
    /// finished as render finishes it.
    static func oneOffMessages(_ configuration: EmitConfiguration, parser: PhoneParser) throws(GatewayError) -> OneOff? {
        guard case .oneOff(let to, let rawText) = configuration.source else { return nil }
        var numbers: [(String, PhoneNumber)] = []
        for typed in to.flatMap({ $0.split(whereSeparator: { $0 == ";" || $0 == "," }) }).map({ $0.trimmingWhitespace() })
        where !typed.allSatisfy(\.isWhitespace) {
            numbers.append((typed, try recipient(typed, parser: parser, option: "--to")))
        }
        guard !numbers.isEmpty else {
            throw GatewayError(.invalidRecipient, at: DataLocation(option: "--to"), "no number given",
                               hint: "Write one or more mobile numbers, separated by ; or a comma.")
        }
        var text = rawText
        if configuration.type == .marketing {
            guard let mention = configuration.stopMention, !mention.allSatisfy(\.isWhitespace) else {
                throw GatewayError(.noStopMention, at: DataLocation(option: "--stop-mention"),
                                   "a marketing message must offer a free way to opt out (CNIL; CPCE L34-5)",
                                   hint: "Add --stop-mention \"STOP au 36035\" (your provider's short code), or --type notification for a message that is not marketing.")
            }
            text += "\n" + mention
        }
        var replaced: [Character: Int] = [:]
        text = configuration.unicode ? SMS.normalize(text) : Transliteration().apply(text, replaced: &replaced)
        let count = SMS.count(text)
        guard count.segments > 0 else {
            throw GatewayError(.invalidMessage, at: DataLocation(option: "--text"), "the text is empty",
                               hint: "Write the message after --text, in quotes.")
        }
        return OneOff(numbers: numbers, text: text, count: count)
    }

    /// Emits the one-off message to each number: the last-moment opt-out,
    /// duplicates, and the excluded and rejects files (`_phone_raw`,
    /// `_phone`, `_reason`) as for a messages file.
    static func emitOneOff(_ oneOff: OneOff, emitter: MessageEmitter, excluded: CSVWriter?, rejects: CSVWriter?) throws -> MessageRows.Counts {
        let header = [OwnedColumn.phoneRaw, OwnedColumn.phone, OwnedColumn.reason]
        try excluded?.record(header)
        try rejects?.record(header)
        var counts = MessageRows.Counts()
        for (typed, phone) in oneOff.numbers {
            counts.rows += 1
            if let reason = emitter.exclusion(of: phone) {
                counts.excluded[reason.lowercased(), default: 0] += 1
                try excluded?.record([typed, phone.e164String, reason.lowercased()])
                continue
            }
            let message = PendingMessage(phone: phone, text: oneOff.text, count: oneOff.count)
            if let reason = emitter.rejection(of: message) {
                counts.rejects[reason, default: 0] += 1
                try rejects?.record([typed, phone.e164String, reason])
                continue
            }
            try emitter.emit(message)
        }
        return counts
    }
}
