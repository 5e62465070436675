import TextoCore

/// Why a cell gives no number Texto can send to: a code for programs
/// (`_reason` in the rejects of the import and of a STOP-list import) and a
/// sentence for the accountant who fixes the client record (`_detail`).
package enum RejectReason: Equatable, Sendable {
    case missing
    case invalid(PhoneProblem)
    case notMobile(PhoneKind)
    /// A mobile of a region not kept (`--countries`), or of a country
    /// outside the plan (region nil, its calling code instead).
    case countryNotAllowed(region: String?, countryCode: Int)
    case duplicate

    /// How telling a reason is when a row has several candidate numbers:
    /// the most telling one is reported.
    package var rank: Int {
        switch self {
        case .missing: return 0
        case .invalid: return 1
        case .notMobile: return 2
        case .countryNotAllowed: return 3
        case .duplicate: return 4
        }
    }

    /// `missing`, `invalid:letters`, `not_mobile:fixed`, `country_not_allowed:BE`, `duplicate`.
    package var code: String {
        switch self {
        case .missing: return "missing"
        case .invalid(let problem): return "invalid:" + problem.rawValue
        case .notMobile(let kind): return "not_mobile:" + kind.rawValue
        case .countryNotAllowed(let region, let code): return "country_not_allowed:" + (region ?? "+\(code)")
        case .duplicate: return "duplicate"
        }
    }

    /// The family of the code, for the summary's counts.
    package var family: String {
        String(code.prefix { $0 != ":" })
    }

    /// A few English words for a command-line message (`too few digits`).
    package var briefly: String {
        switch self {
        case .missing: return "no number"
        case .invalid(.tooShort): return "too few digits"
        case .invalid(.tooLong): return "too many digits"
        case .invalid(.letters): return "a letter or a character no number has"
        case .invalid(.twoNumbers): return "two numbers"
        case .invalid(.extension): return "an extension"
        case .invalid(.scientificNotation): return "Excel's scientific notation lost digits"
        case .invalid(.unallocated): return "not an assigned number"
        case .notMobile(let kind): return "not a mobile (\(kind.rawValue))"
        case .countryNotAllowed: return "a country Texto does not serve"
        case .duplicate: return "a duplicate"
        }
    }

    /// A sentence saying what is wrong and what to do.
    package func detail(raw: String, duplicateOf: (source: String, row: Int)? = nil, language: Language) -> String {
        let french = language == .fr
        switch self {
        case .missing:
            return french ? "aucun numéro de téléphone" : "no phone number"
        case .invalid(let problem):
            switch problem {
            case .tooShort: return french ? "« \(raw) » a trop peu de chiffres pour un numéro" : "\"\(raw)\" has too few digits for a number"
            case .tooLong: return french ? "« \(raw) » a trop de chiffres pour un numéro" : "\"\(raw)\" has too many digits for a number"
            case .letters:
                let letter = raw.first { $0.isLetter }.map { french ? " (« \($0) »)" : " (\"\($0)\")" } ?? ""
                return french ? "« \(raw) » contient une lettre\(letter) : un chiffre a sans doute été mal tapé"
                              : "\"\(raw)\" contains a letter\(letter): a digit was probably mistyped"
            case .twoNumbers:
                return french ? "deux numéros dans la même cellule : n'en garder qu'un par colonne (TELEPHONE, TELEPHONE2)"
                              : "two numbers in one cell: keep one per column (TELEPHONE, TELEPHONE2)"
            case .extension:
                return french ? "numéro avec un poste : un SMS ne peut pas l'atteindre" : "a number with an extension: an SMS cannot reach it"
            case .scientificNotation:
                return french ? "Excel a écrit le numéro en notation scientifique et perdu des chiffres : mettre la colonne au format Texte et ressaisir le numéro"
                              : "Excel wrote the number in scientific notation and lost digits: format the column as Text and type the number again"
            case .unallocated:
                return french ? "« \(raw) » n'est pas un numéro attribué" : "\"\(raw)\" is not an assigned number"
            }
        case .notMobile(let kind):
            // A switch, not a dictionary: this runs for every landline of an
            // import (a tenth of the rows), and a dictionary literal is built
            // and hashed at each call.
            let name: (String, String)
            switch kind {
            case .fixed: name = ("ligne fixe", "landline")
            case .voip: name = ("numéro VoIP (box internet)", "VoIP number")
            case .tollFree: name = ("numéro vert", "toll-free number")
            case .premium: name = ("numéro surtaxé", "premium-rate number")
            case .sharedCost: name = ("numéro à coût partagé", "shared-cost number")
            case .personal: name = ("numéro personnel", "personal number")
            case .pager: name = ("bipeur", "pager")
            case .uan: name = ("numéro d'accès universel", "universal access number")
            case .voicemail: name = ("messagerie vocale", "voicemail")
            default: name = (kind.rawValue, kind.rawValue)
            }
            return french ? "\(name.0) : ne reçoit pas de SMS" : "\(name.1): cannot receive SMS"
        case .countryNotAllowed(let region, let code):
            if let region {
                return french ? "mobile de la région \(region) (+\(code)), non retenue (--countries)"
                              : "a mobile of region \(region) (+\(code)), not kept (--countries)"
            }
            return french ? "numéro d'un pays (+\(code)) que Texto ne dessert pas" : "a number of a country (+\(code)) Texto does not serve"
        case .duplicate:
            guard let first = duplicateOf else { return french ? "numéro en double" : "duplicate number" }
            return french ? "même numéro que la ligne \(first.row) de \(first.source)" : "same number as row \(first.row) of \(first.source)"
        }
    }
}

extension PhoneParse {
    /// Why this is not a number one can suppress or write to, accepting
    /// every valid kind (a landline can be suppressed); nil for a valid number.
    package var rejection: RejectReason? {
        switch self {
        case .number(let number): return number.kind == .invalid ? .invalid(.unallocated) : nil
        case .missing: return .missing
        case .invalid(let problem): return .invalid(problem)
        case .foreign(let countryCode): return .countryNotAllowed(region: nil, countryCode: countryCode)
        }
    }
}

/// A reason is also why parsing a number for sending failed (`Result`).
extension RejectReason: Error {}
