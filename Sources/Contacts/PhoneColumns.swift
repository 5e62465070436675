import Tables

/// Finds the columns that hold phone numbers by their headers, the names
/// the tools our users know export (seed 000: TELEPHONE, TELEPHONE2; MONEY:
/// Portable; others: Mobile, GSM, Numéro SMS...).
enum PhoneColumns {
    /// Header keys (loose `ColumnKey`s: `TELEPHONE_2` = `Téléphone 2`) that name a phone column.
    static let synonyms: Set<String> = Set([
        "TELEPHONE", "TELEPHONE2", "TELEPHONE 2", "TEL", "TEL.", "TEL2", "Tél.", "Portable", "Mobile", "GSM",
        "Numéro SMS", "Numero SMS", "Téléphone mobile", "Téléphone portable", "Tel portable", "Tél. portable",
        "Tél. mobile", "Mobile phone", "phone", "mobile", "cell", "cellphone", "cell phone", "telephone number",
        "phone number", "Numéro de téléphone", "Numéro de portable", "N° portable", "N° de portable", "N° mobile",
    ].map(ColumnKey.loose))

    /// True when `header` names a phone column.
    static func isPhone(_ header: String) -> Bool {
        synonyms.contains(ColumnKey.loose(header))
    }
}
