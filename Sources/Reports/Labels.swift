import TextoCore

/// The words of a report's files, in French (the default: accountants and
/// analysts read them) or English.
struct Labels {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    private func say(_ french: String, _ english: String) -> String { language == .fr ? french : english }

    var indexFile: String { say("campagnes.csv", "campaigns.csv") }
    var messagesSuffix: String { "-messages.csv" }
    var cardSuffix: String { say("-synthese.csv", "-summary.csv") }
    var repliesSuffix: String { say("-reponses.csv", "-replies.csv") }

    var indexHeader: [String] {
        language == .fr
            ? ["Campagne", "Nom", "Créée le", "Destinataires", "Délivrés", "Délivrés %", "Non délivrés", "Non délivrés %", "Échecs",
               "Échecs %", "STOP"]
            : ["Campaign", "Name", "Created", "Recipients", "Delivered", "Delivered %", "Not delivered", "Not delivered %", "Failed",
               "Failed %", "STOP"]
    }
    var cardHeader: [String] { [say("Indicateur", "Measure"), say("Valeur", "Value"), "%"] }
    var messagesHeader: [String] {
        language == .fr
            ? ["Téléphone", "Nom", "Fichier source", "Ligne source", "Envoyé le", "Statut", "Reçu le", "Erreur", "Réponse"]
            : ["Phone", "Name", "Source file", "Source row", "Sent", "Status", "Received", "Error", "Reply"]
    }
    var stopHeader: [String] { [say("Téléphone", "Phone"), say("Nom", "Name"), say("Reçu le", "Received"), say("Réponse", "Reply")] }
    /// The Réponses table: a conversation per number, the message sent then the replies.
    var repliesHeader: [String] {
        language == .fr
            ? ["Téléphone", "Nom", "Date", "Sens", "Message", "État"]
            : ["Phone", "Name", "Date", "Direction", "Message", "State"]
    }
    var contactHeader: [String] {
        language == .fr
            ? ["Campagne", "Nom de la campagne", "Téléphone", "Nom", "Fichier source", "Ligne source", "Envoyé le", "Statut", "Reçu le",
               "Erreur", "Réponses"]
            : ["Campaign", "Campaign name", "Phone", "Name", "Source file", "Source row", "Sent", "Status", "Received", "Error", "Replies"]
    }

    // The workbook's sheets.
    var summarySheet: String { say("Synthèse", "Summary") }
    var messagesSheet: String { "Messages" }
    var npaiSheet: String { "NPAI" }
    var stopSheet: String { "STOP" }
    var repliesSheet: String { say("Réponses", "Replies") }
    var historySheet: String { say("Historique", "SMS history") }  // Excel keeps "History" for itself
    /// How Excel shows a date and time (the number format code).
    var dateFormat: String { say("dd/mm/yyyy hh:mm:ss", "yyyy-mm-dd hh:mm:ss") }

    var sent: String { say("Envoyé", "Sent") }
    var received: String { say("Reçu", "Received") }
    var campaignMessage: String { say("SMS de la campagne", "The campaign's SMS") }
    /// ARA's "Répondu": a number that answered, beside its delivery outcome.
    func reply(isStop: Bool) -> String { isStop ? "STOP" : say("Répondu", "Replied") }
    var cost: String { say("Coût estimé (€)", "Estimated cost (EUR)") }
    var npaiHeader: [String] {
        language == .fr
            ? ["Téléphone", "Nom", "Fichier source", "Ligne source", "Depuis", "Raison"]
            : ["Phone", "Name", "Source file", "Source row", "Since", "Reason"]
    }

    var recipients: String { say("Destinataires", "Recipients") }
    var delivered: String { say("Délivrés", "Delivered") }
    var notDelivered: String { say("Non délivrés", "Not delivered") }
    var failed: String { say("Échecs", "Failed") }
    var stops: String { say("STOP SMS", "STOP SMS") }
    var pending: String { say("dont en attente d'un rapport", "of which awaiting a report") }
    var otherReplies: String { say("Autres réponses", "Other replies") }
    var units: String { say("SMS facturés", "SMS units") }
    var latencyMedian: String { say("Délai médian de réception (s)", "Median delivery time (s)") }
    var latencyP90: String { say("Délai de réception, 90 % (s)", "Delivery time, 90% (s)") }
    var latencyMaximum: String { say("Délai maximal de réception (s)", "Longest delivery time (s)") }

    /// A message's state as the Messages table shows it (ARA's words).
    func state(_ state: String?) -> String {
        switch state {
        case "delivered": return say("Délivré", "Delivered")
        case "failed": return say("Échec d'envoi", "Failed")
        case "expired": return say("Non délivré", "Not delivered")
        case "pending", nil: return say("En cours", "Pending")
        default: return say("Non délivré", "Not delivered")
        }
    }
}
