import Foundation
import Gateway
import TextoCore

/// A provider's export of its messages, one row each, found by the names
/// of its columns, French or English: the number, the status in words,
/// and when they are there our message id (the client reference), the
/// send date and the date of the receipt.
enum ProviderCSV {
    static let phoneNames = ["telephone", "téléphone", "numero", "numéro", "destinataire", "mobile", "phone", "number", "recipient", "to", "msisdn"]
    static let statusNames = ["statut", "status", "etat", "état", "state", "resultat", "résultat"]
    static let idNames = ["message_id", "id", "reference", "référence", "reference client", "référence client", "client reference",
                          "client_ref", "custom_id"]
    static let sentNames = ["date d'envoi", "date envoi", "envoye le", "envoyé le", "sent", "sent_at", "send_at", "date"]
    static let doneNames = ["date de reception", "date de réception", "recu le", "reçu le", "delivered_at", "done", "done_at", "received_at"]

    struct Columns {
        var phone: Int, status: Int
        var id: Int?, sent: Int?, done: Int?
        var separator: Character
    }

    /// The columns of a header line; nil when it has no number and status columns.
    static func columns(_ header: String) -> Columns? {
        let separator = RepliesCSV.separator(of: header)
        let names = RepliesCSV.splitLine(header, separator: separator).map { ColumnKey.of($0) }
        func find(_ candidates: [String]) -> Int? { names.firstIndex { candidates.map(ColumnKey.of).contains($0) } }
        guard let phone = find(phoneNames), let status = find(statusNames) else { return nil }
        return Columns(phone: phone, status: status, id: find(idNames), sent: find(sentNames), done: find(doneNames), separator: separator)
    }

    /// What a status in words says: the outcome, and whether a failure is
    /// for good (a wrong number: NPAI). Nil for a word not known.
    static func outcome(_ status: String) -> (outcome: ReceiptOutcome, permanent: Bool)? {
        let word = OptOutWords.fold(status)
        if let stat = SMPPReceipt.Stat(rawValue: word) {
            let receipt = ParsedReceipt(id: "", statWord: word, stat: stat)
            return (receipt.outcome, stat == .rejected)
        }
        switch word {
        case "DELIVRE", "DELIVREE", "RECU", "DELIVERED", "REPONDU", "REPLIED": return (.delivered, false)
        case "NON DELIVRE", "NON DELIVREE", "NOT DELIVERED", "EXPIRE", "EXPIRED", "NON RECU": return (.expired, false)
        case "ECHEC D'ENVOI", "ECHEC", "NUMERO INVALIDE", "INVALID NUMBER", "REJETE", "REJECTED": return (.failed, true)
        case "ERREUR", "FAILED", "ERROR", "NON DELIVRABLE", "UNDELIVERABLE": return (.failed, false)
        case "EN COURS", "ENVOYE", "EN ATTENTE", "PENDING", "SENT", "QUEUED": return (.pending, false)
        default: return nil
        }
    }

    /// A date as providers export it: ISO 8601 (with or without an offset,
    /// Paris time without), or `dd/MM/yyyy HH:mm[:ss]` (Paris time).
    static func date(_ text: String) -> Int? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let start = try? SendStart(parsing: value) { return start.unixTime }
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "/").compactMap { Int($0) }, clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, (2...3).contains(clock.count), let date = CivilDate(year: day[2], month: day[1], day: day[0]),
              clock[0] < 24, clock[1] < 60 else { return nil }
        let second = clock[0] * 3_600 + clock[1] * 60 + (clock.count == 3 ? clock[2] : 0)
        return ParisTime.unixTime(date, secondOfDay: second).earliest
    }
}
