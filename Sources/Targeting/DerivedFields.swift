import TextoCore
import Tables

/// Fields computed from the contact's columns, relative to the run date:
/// `age`, `departement`, `days_until_birthday` (issue 4).
enum DerivedFields {
    /// Headers (as loose `ColumnKey`s) that hold a birth date.
    static let birthDateColumns: [String] = [
        "DATE_NAISSANCE", "Date de naissance", "DATE NAISSANCE", "Né le", "Née le", "Né(e) le", "naissance",
        "birthdate", "birth date", "date of birth", "dob", "birthday", "anniversaire", "DATENAISS", "DT_NAISSANCE",
    ].map(ColumnKey.loose)

    /// Headers that hold a French postal code.
    static let postalCodeColumns: [String] = [
        "CODE_POSTAL", "Code postal", "CP", "codepostal", "code_postal", "postcode", "postal code", "zip", "zipcode",
        "zip code", "C.P.",
    ].map(ColumnKey.loose)

    /// Age in whole years on `today` of someone born on `birth`. Born on
    /// 29 February: a year older on 1 March in common years.
    static func age(born birth: CivilDate, on today: CivilDate) -> Int {
        let (birthYear, birthMonth, birthDay) = birth.components
        let (year, month, day) = today.components
        var age = year - birthYear
        if (month, day) < anniversary(month: birthMonth, day: birthDay, year: year) { age -= 1 }
        return age
    }

    /// Days from `today` to the next birthday (0 on the day).
    static func daysUntilBirthday(born birth: CivilDate, on today: CivilDate) -> Int {
        let (_, birthMonth, birthDay) = birth.components
        var year = today.year
        while true {
            let (month, day) = anniversary(month: birthMonth, day: birthDay, year: year)
            if let next = CivilDate(year: year, month: month, day: day), next >= today { return today.days(to: next) }
            year += 1
        }
    }

    /// The day a birthday falls on in `year`: 29 February becomes 1 March
    /// in common years.
    private static func anniversary(month: Int, day: Int, year: Int) -> (Int, Int) {
        if month == 2, day == 29, !CivilDate.isLeap(year) { return (3, 1) }
        return (month, day)
    }

    /// The département of a French postal code (`Departement.of`).
    static func departement(postalCode text: UnsafeBufferPointer<UInt8>) -> String? {
        Departement.of(postalCode: text)
    }
}
