import TextoCore

/// The words of a receipt, for someone who has never heard of E.164:
/// French by default, English on request. Every figure is formatted here.
struct ReceiptWords {
    let language: Language

    init(_ language: Language) {
        self.language = language
    }

    struct Item {
        var label: String
        var value: String
        var details: [String] = []
    }

    struct Section {
        var title: String
        var items: [Item]
    }

    /// French or English; French puts a narrow no-break space before a colon.
    private func say(_ french: String, _ english: String) -> String {
        language == .fr ? french.replacingOccurrences(of: " : ", with: "\u{202F}: ") : english
    }

    private func number(_ value: Int) -> String { language.count(value) }

    var colon: String { say("\u{202F}: ", ": ") }

    func title(_ name: String) -> String { say("Reçu de dépôt — \(name)", "Receipt — \(name)") }

    var whatNext: String { say("Et maintenant ?", "What next?") }

    /// The one sentence that says what became of the file.
    func headline(_ receipt: Receipt) -> String {
        switch receipt.outcome {
        case .scheduled:
            let messages = receipt.messages ?? 0
            let when = receipt.firstSend.map { sendWindow(from: $0, to: receipt.lastSend ?? $0) } ?? ""
            if let units = receipt.units, units > messages {
                return say("Votre fichier a été traité : \(number(messages)) message\(messages == 1 ? "" : "s") (\(number(units)) SMS) \(messages == 1 ? "partira" : "partiront") \(when).",
                           "Your file was processed: \(number(messages)) message\(messages == 1 ? "" : "s") (\(number(units)) SMS) will leave \(when).")
            }
            return say("Votre fichier a été traité : \(number(messages)) SMS \(messages == 1 ? "partira" : "partiront") \(when).",
                       "Your file was processed: \(number(messages)) SMS will leave \(when).")
        case .awaitingApproval:
            let messages = receipt.messages ?? 0
            return say("Votre fichier a été traité : \(messages == 1 ? "le SMS attend" : "les \(number(messages)) SMS attendent") votre accord avant de partir. Rien n'est envoyé pour l'instant.",
                       "Your file was processed: the \(number(messages)) SMS wait for your approval before they leave. Nothing is sent yet.")
        case .nothingToSend:
            return say("Votre fichier a été lu, mais aucun SMS ne sera envoyé : \(receipt.problem ?? "personne ne peut le recevoir").",
                       "Your file was read, but no SMS will be sent: \(receipt.problem ?? "nobody can receive it").")
        case .duplicate:
            guard let original = receipt.original else {
                return say("Ce fichier avait déjà été déposé : il n'a pas été traité une seconde fois.", "This file was dropped before: it was not processed again.")
            }
            return say("Ce fichier avait déjà été déposé le \(dateTime(original.droppedAt)) (« \(original.name) ») : il n'a pas été traité une seconde fois, et aucun SMS n'est envoyé en double.",
                       "This file was dropped before, on \(dateTime(original.droppedAt)) (\"\(original.name)\"): it was not processed again, and no SMS is sent twice.")
        case .rejected:
            return say("Ce fichier n'a pas pu être utilisé : \(receipt.problem ?? "il est illisible"). Aucun SMS n'a été envoyé.",
                       "This file could not be used: \(receipt.problem ?? "it cannot be read"). No SMS was sent.")
        }
    }

    /// The figures, section by section; a section with nothing known is left out.
    func sections(_ receipt: Receipt) -> [Section] {
        var sections: [Section] = []
        var file: [Item] = []
        if let rows = receipt.rows { file.append(Item(label: say("Lignes lues", "Rows read"), value: number(rows))) }
        if let contacts = receipt.contacts {
            file.append(Item(label: say("Numéros de mobile valides", "Valid mobile numbers"), value: number(contacts)))
        }
        if receipt.duplicates > 0 {
            file.append(Item(label: say("Doublons", "Duplicates"), value: number(receipt.duplicates),
                             details: [say("le même numéro sur plusieurs lignes : gardé une seule fois", "the same number on several rows: kept once")]))
        }
        let others = receipt.rejects.filter { $0.key != "duplicate" }
        if !others.isEmpty {
            var details = grouped(others, label: rejectLabel)
            if let file = receipt.rejectsFile {
                details.append(say("le détail, ligne par ligne, est dans « \(file) »", "row by row, in \"\(file)\""))
            }
            file.append(Item(label: say("Lignes écartées", "Rows set aside"), value: number(others.values.reduce(0, +)), details: details))
        }
        if !file.isEmpty { sections.append(Section(title: say("Le fichier", "The file"), items: file)) }

        var audience: [Item] = []
        if let count = receipt.audience { audience.append(Item(label: say("Destinataires retenus", "Recipients"), value: number(count))) }
        if !receipt.exclusions.isEmpty {
            audience.append(Item(label: say("Contacts écartés", "Contacts left out"), value: number(receipt.exclusions.values.reduce(0, +)),
                                 details: grouped(receipt.exclusions, label: exclusionLabel)))
        }
        if !audience.isEmpty { sections.append(Section(title: say("Les destinataires", "Who receives it"), items: audience)) }

        var sms: [Item] = []
        if let messages = receipt.messages { sms.append(Item(label: say("Messages", "Messages"), value: number(messages))) }
        if let units = receipt.units, units != receipt.messages {
            sms.append(Item(label: say("SMS facturés", "SMS billed"), value: number(units),
                            details: [say("un message long compte pour plusieurs SMS", "a long message counts as several SMS")]))
        }
        if let cost = receipt.costTenThousandths {
            sms.append(Item(label: say("Coût estimé", "Estimated cost"), value: language.euros(Double(cost) / 10_000)))
        }
        if let first = receipt.firstSend, receipt.outcome == .scheduled {
            sms.append(Item(label: say("Envoi", "Sending"), value: sendWindow(from: first, to: receipt.lastSend ?? first)))
        }
        if let example = receipt.example { sms.append(Item(label: say("Exemple", "Example"), value: "« \(example) »")) }
        if !sms.isEmpty { sections.append(Section(title: say("Les SMS", "The SMS"), items: sms)) }

        if let name = receipt.campaignName, receipt.outcome != .rejected {
            sections.append(Section(title: say("La campagne", "The campaign"),
                                    items: [Item(label: name, value: "", details: receipt.campaignID.map { [say("référence \($0)", "reference \($0)")] } ?? [])]))
        }
        return sections
    }

    /// What the reader does now, or nil when there is nothing to do.
    func next(_ receipt: Receipt) -> [String]? {
        switch receipt.outcome {
        case .scheduled:
            return [say("Rien à faire : les SMS partiront d'eux-mêmes.", "Nothing: the SMS leave on their own."),
                    say("Pour annuler avant l'envoi, prévenez la personne qui s'occupe de Texto en donnant la référence \(receipt.campaignID ?? "de la campagne").",
                        "To cancel before they leave, tell whoever runs Texto, giving the reference \(receipt.campaignID ?? "of the campaign").")]
        case .awaitingApproval:
            let file = receipt.approvalFile ?? "APPROUVER"
            return [say("Relisez l'exemple ci-dessus (et le SMS de test, si vous en avez reçu un).", "Read the example above (and the test SMS, if you received one)."),
                    say("Pour autoriser l'envoi, déposez dans ce dossier un fichier nommé « \(file) » (vide ou non).",
                        "To approve the send, drop a file named \"\(file)\" (empty or not) in this folder."),
                    say("Sans votre accord, rien ne partira.", "Without your approval, nothing leaves.")]
        case .duplicate:
            var lines = [say("Si vous vouliez envoyer une nouvelle campagne, changez le fichier (la liste des clients, par exemple) et déposez-le à nouveau.",
                             "If you meant a new campaign, change the file (the list of clients, say) and drop it again.")]
            if let original = receipt.original {
                lines.append(say("Le reçu du premier dépôt : « \(original.receipt) ».", "The first drop's receipt: \"\(original.receipt)\"."))
            }
            return lines
        case .rejected, .nothingToSend:
            return receipt.remedy.map { [$0] }
        }
    }

    func footer(_ receipt: Receipt) -> String {
        say("Déposé le \(dateTime(receipt.droppedAt)), traité le \(dateTime(receipt.processedAt)). Le fichier est rangé sous « \(receipt.storedName) ».",
            "Dropped on \(dateTime(receipt.droppedAt)), processed on \(dateTime(receipt.processedAt)). The file is kept as \"\(receipt.storedName)\".")
    }

    // MARK: - Reasons

    /// Counts by reason, most frequent first, a reason's family grouped
    /// when the label is the same (`invalid:letters` and `invalid:too_short`
    /// keep their own words).
    private func grouped(_ counts: [String: Int], label: (String) -> String) -> [String] {
        var byLabel: [String: Int] = [:]
        for (code, count) in counts { byLabel[label(code), default: 0] += count }
        return byLabel.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\(number($0.value)) : \($0.key)" }
            .map { language == .fr ? $0.replacingOccurrences(of: " : ", with: "\u{202F}: ") : $0.replacingOccurrences(of: " : ", with: ": ") }
    }

    func rejectLabel(_ code: String) -> String {
        let family = String(code.prefix { $0 != ":" })
        let detail = code.contains(":") ? String(code.drop { $0 != ":" }.dropFirst()) : ""
        switch (family, detail) {
        case ("missing", _): return say("pas de numéro de téléphone", "no phone number")
        case ("invalid", "too_short"): return say("numéro trop court (un chiffre manque)", "number too short (a digit is missing)")
        case ("invalid", "too_long"): return say("numéro trop long (un chiffre en trop)", "number too long (a digit too many)")
        case ("invalid", "letters"): return say("numéro contenant une lettre (faute de frappe)", "number with a letter in it (a typo)")
        case ("invalid", "two_numbers"): return say("deux numéros dans la même case", "two numbers in one cell")
        case ("invalid", "extension"): return say("numéro avec un poste", "number with an extension")
        case ("invalid", "scientific_notation"):
            return say("numéro abîmé par Excel (écrit comme 6,12E+08)", "number spoilt by Excel (written as 6.12E+08)")
        case ("invalid", _): return say("numéro qui n'existe pas", "a number that does not exist")
        case ("not_mobile", "fixed"): return say("ligne fixe : ne reçoit pas de SMS", "landline: cannot receive SMS")
        case ("not_mobile", _): return say("numéro spécial (box, numéro vert, surtaxé...) : ne reçoit pas de SMS",
                                           "special number (VoIP, toll-free, premium...): cannot receive SMS")
        case ("country_not_allowed", _): return say("numéro d'un pays où la campagne n'envoie pas", "a number of a country the campaign does not send to")
        case ("duplicate", _): return say("numéro en double", "duplicate number")
        default: return code
        }
    }

    func exclusionLabel(_ code: String) -> String {
        let family = String(code.prefix { $0 != ":" })
        let detail = code.contains(":") ? String(code.drop { $0 != ":" }.dropFirst()) : ""
        switch family {
        case "no_phone": return say("sans numéro de mobile", "no mobile number")
        case "stop": return say("ont demandé à ne plus recevoir de SMS (STOP)", "asked to receive no more SMS (STOP)")
        case "npai": return say("numéro qui ne répond plus (NPAI)", "number that no longer answers (NPAI)")
        case "manual": return say("retirés de la liste d'envoi à la main", "taken off the list by hand")
        case "no_consent": return say("sans accord pour recevoir des SMS", "no consent to receive SMS")
        case "seen_before": return say("déjà présents dans un dépôt précédent", "already in an earlier drop")
        case "campaign", "delivered": return say("ont déjà reçu la campagne \(detail)", "already received campaign \(detail)")
        case "not_in_campaign": return say("n'étaient pas dans la campagne \(detail)", "were not in campaign \(detail)")
        case "replied": return say("ont répondu à la campagne \(detail)", "replied to campaign \(detail)")
        case "max_sends": return say("ont déjà reçu assez de SMS ces derniers jours", "received enough SMS lately")
        case "unreadable": return say("valeur illisible dans la colonne « \(detail) »", "unreadable value in column \"\(detail)\"")
        case "filter": return say("hors de la sélection de la campagne", "outside the campaign's selection")
        default: return code
        }
    }

    // MARK: - Times

    /// `le lundi 30 novembre 2026 entre 10 h 45 et 11 h 02`, or from one day to another.
    func sendWindow(from first: Int, to last: Int) -> String {
        let start = ParisTime.wallClock(atUnixTime: first), end = ParisTime.wallClock(atUnixTime: last)
        if start.date == end.date {
            if start.secondOfDay / 60 == end.secondOfDay / 60 {
                return say("le \(day(start.date)) à \(time(start.secondOfDay))", "on \(day(start.date)) at \(time(start.secondOfDay))")
            }
            return say("le \(day(start.date)) entre \(time(start.secondOfDay)) et \(time(end.secondOfDay))",
                       "on \(day(start.date)) between \(time(start.secondOfDay)) and \(time(end.secondOfDay))")
        }
        return say("du \(day(start.date)) à \(time(start.secondOfDay)) au \(day(end.date)) à \(time(end.secondOfDay))",
                   "from \(day(start.date)) at \(time(start.secondOfDay)) to \(day(end.date)) at \(time(end.secondOfDay))")
    }

    /// `30/11/2026 à 10 h 42` / `2026-11-30 at 10:42`.
    func dateTime(_ unixTime: Int) -> String {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let (year, month, dayOfMonth) = clock.date.components
        return language == .fr
            ? String(format: "%02d/%02d/%04d à ", dayOfMonth, month, year) + time(clock.secondOfDay)
            : String(format: "%04d-%02d-%02d at ", year, month, dayOfMonth) + time(clock.secondOfDay)
    }

    /// `lundi 30 novembre 2026` / `Monday 30 November 2026`.
    private func day(_ date: CivilDate) -> String {
        let (year, month, dayOfMonth) = date.components
        let weekdays = language == .fr ? ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
                                       : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = language == .fr
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let ordinal = language == .fr && dayOfMonth == 1 ? "1er" : String(dayOfMonth)
        return "\(weekdays[date.weekday - 1]) \(ordinal) \(months[month - 1]) \(year)"
    }

    /// `10 h 45` / `10:45`.
    private func time(_ secondOfDay: Int) -> String {
        language == .fr ? String(format: "%d h %02d", secondOfDay / 3_600, secondOfDay / 60 % 60)
                        : String(format: "%02d:%02d", secondOfDay / 3_600, secondOfDay / 60 % 60)
    }
}
