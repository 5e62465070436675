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
            ? ["Téléphone", "Nom", "Fichier source", "Ligne source", "Envoyé le", "Statut", "Reçu le", "Erreur"]
            : ["Phone", "Name", "Source file", "Source row", "Sent", "Status", "Received", "Error"]
    }
    var stopHeader: [String] { [say("Téléphone", "Phone"), say("Reçu le", "Received"), say("Réponse", "Reply")] }
    var repliesHeader: [String] { [say("Téléphone", "Phone"), say("Reçu le", "Received"), say("Réponse", "Reply"), "STOP"] }
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
