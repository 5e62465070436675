import TextoCore

extension FrenchHolidays.Holiday {
    /// The name as written in a French sentence (`lundi de Pentecôte`,
    /// `Ascension`): lower case where French typography wants it.
    public var frenchName: String {
        switch self {
        case .newYearsDay: "jour de l'An"
        case .goodFriday: "Vendredi saint"
        case .easterMonday: "lundi de Pâques"
        case .labourDay: "fête du Travail"
        case .victoryDay: "fête de la Victoire"
        case .ascension: "Ascension"
        case .whitMonday: "lundi de Pentecôte"
        case .nationalDay: "fête nationale"
        case .assumption: "Assomption"
        case .allSaints: "Toussaint"
        case .armistice: "Armistice"
        case .christmas: "Noël"
        case .saintStephen: "Saint-Étienne"
        }
    }

    /// The English name (`Whit Monday`, `Ascension Day`).
    public var englishName: String {
        switch self {
        case .newYearsDay: "New Year's Day"
        case .goodFriday: "Good Friday"
        case .easterMonday: "Easter Monday"
        case .labourDay: "Labour Day"
        case .victoryDay: "Victory in Europe Day"
        case .ascension: "Ascension Day"
        case .whitMonday: "Whit Monday"
        case .nationalDay: "Bastille Day"
        case .assumption: "Assumption Day"
        case .allSaints: "All Saints' Day"
        case .armistice: "Armistice Day"
        case .christmas: "Christmas Day"
        case .saintStephen: "St Stephen's Day"
        }
    }

    /// The name in `language`.
    public func name(in language: Language) -> String {
        language == .fr ? frenchName : englishName
    }

    /// The French name's grammatical gender, for `exclu` / `exclue`
    /// (`la Toussaint`, `le lundi de Pâques`, `la Saint-Étienne`).
    var isFeminineInFrench: Bool {
        switch self {
        case .labourDay, .victoryDay, .ascension, .nationalDay, .assumption, .allSaints, .saintStephen: true
        default: false
        }
    }
}
