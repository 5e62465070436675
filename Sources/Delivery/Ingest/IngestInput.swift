import Crypto
import Foundation
import TextoCore

/// What a file given to `texto-ingest` holds.
public enum IngestFormat: String, Sendable, CaseIterable {
    /// SMPP delivery receipts, one per line, anywhere in the line (a gateway's log).
    case smpp
    /// A gateway's submit log: our id beside the SMSC's (`id:... message_id:...`).
    case submitLog = "submit-log"
    /// A Gammu SMSD inbox file (a reply).
    case gammuInbox = "gammu-inbox"
    /// Replies as CSV: `phone`, `received_at`, `text` (French or English names).
    case repliesCSV = "replies-csv"
    /// A provider's per-message export: a number and a status in words
    /// (MONEY: "Téléphone; Date d'envoi; Date de réception"; ARA: Délivré,
    /// Non délivré, Echec d'envoi, En cours, Répondu).
    case providerCSV = "provider-csv"
    /// Kannel `dlr-url` requests, one per line (`type=%d`, our id, `%A`).
    case kannel

    /// The format of the file named `name` whose first lines are `head`;
    /// nil when none fits.
    static func detect(name: String, head: [String]) -> IngestFormat? {
        if name.hasPrefix("IN"), name.hasSuffix(".txt"), GammuInboxFile(name: name, bytes: []) != nil { return .gammuInbox }
        let lines = head.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = lines.first else { return nil }
        if RepliesCSV.columns(first) != nil { return .repliesCSV }
        if ProviderCSV.columns(first) != nil { return .providerCSV }
        if lines.contains(where: { SubmitLogLine.parse($0) != nil }) { return .submitLog }
        if lines.contains(where: { KannelDLR.parse($0) != nil }) { return .kannel }
        if lines.contains(where: { ReceiptParser.parse($0) != nil }) { return .smpp }
        return nil
    }
}

/// One line of a submit log: our id and the SMSC's, e.g.
/// `2026-11-28 16:00:00 [SUBMIT] id:A5MQBXKFSNR0ULSWEQ9V to:+33630050660 message_id:e459320dd7`.
struct SubmitLogLine: Equatable {
    var ours: String
    var smsc: String

    static func parse(_ line: some StringProtocol) -> SubmitLogLine? {
        let bytes = Array(line.utf8)
        guard let smscStart = ReceiptParser.value(of: "message_id:", in: bytes, from: 0),
              let oursStart = ReceiptParser.value(of: "id:", in: bytes, from: 0) else { return nil }
        let ours = ReceiptParser.token(bytes, from: oursStart), smsc = ReceiptParser.token(bytes, from: smscStart)
        guard !ours.isEmpty, !smsc.isEmpty, !ours.contains(UInt8(ascii: ":")), ReceiptParser.value(of: "stat:", in: bytes, from: 0) == nil else {
            return nil
        }
        return SubmitLogLine(ours: String(decoding: ours, as: UTF8.self), smsc: String(decoding: smsc, as: UTF8.self))
    }
}

/// Replies as a CSV: the columns found by their French or English names.
enum RepliesCSV {
    static let phoneNames = ["phone", "telephone", "téléphone", "numero", "numéro", "from", "expediteur", "expéditeur", "sender"]
    static let timeNames = ["received_at", "date de reception", "date de réception", "date", "received", "recu le", "reçu le"]
    static let textNames = ["text", "texte", "message", "reponse", "réponse", "contenu"]

    /// The indexes of the phone, time and text columns in a header line; nil when it is not one.
    static func columns(_ header: String) -> Columns? {
        let separator: Character = header.contains(";") && !header.contains(",") ? ";" : ","
        let names = splitLine(header, separator: separator).map { ColumnKey.of($0) }
        func find(_ candidates: [String]) -> Int? { names.firstIndex { candidates.map(ColumnKey.of).contains($0) } }
        guard let phone = find(phoneNames), let time = find(timeNames), let text = find(textNames) else { return nil }
        return Columns(phone: phone, time: time, text: text, separator: separator)
    }

    /// Where the replies' fields are, and the separator the header uses.
    struct Columns {
        var phone: Int, time: Int, text: Int
        var separator: Character
    }

    /// The fields of one CSV line (RFC 4180 quotes; no line breaks inside fields).
    static func splitLine(_ line: String, separator: Character) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            if next == separator { fields.append(field); field = "" } else { field.append(next) }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

/// A file's complete lines from `offset` on, with the SHA-256 of every
/// byte up to the end of the last complete line: a gateway may be writing
/// the file, and its last line may be half there.
struct CompleteLines {
    /// The lines (without their line ends) and the line number of the first.
    var lines: [Substring]
    var firstLine: Int
    /// Bytes from the start of the file to the end of the last complete line.
    var size: Int
    /// SHA-256 (hex) of those bytes.
    var sha256: String
    /// Bytes after the last complete line, left for next time.
    var leftOver: Int
    /// SHA-256 of the first `offset` bytes, to check they are what was read before.
    var prefixSHA256: String

    init(data: Data, offset: Int, firstLine: Int) {
        let end = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        let start = min(offset, end)
        var hasher = SHA256()
        hasher.update(data: data[0..<start])
        prefixSHA256 = hasher.copy().finalize().map { String(format: "%02x", $0) }.joined()
        hasher.update(data: data[start..<end])
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        size = end
        leftOver = data.count - end
        let text = String(decoding: data[start..<end], as: UTF8.self)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        self.firstLine = firstLine
    }
}

extension SHA256 {
    /// A copy of the running hash (the value type copies its state).
    func copy() -> SHA256 { self }
}
