import TextoCore

/// The headers that name a phone column, as the tools our users know
/// export them (seed 000: TELEPHONE, TELEPHONE2; MONEY: Portable; others:
/// Mobile, GSM, Numéro SMS...). One list for every reader of numbers: the
/// import finds a contact file's phone columns with it, the STOP-list
/// import a list's number column (with a few more words, below).
package enum PhoneHeaders {
    /// Header keys (loose `ColumnKey`s: `TELEPHONE_2` = `Téléphone 2`) that name a phone column.
    static let synonyms: Set<String> = Set([
        "TELEPHONE", "TELEPHONE2", "TELEPHONE 2", "TEL", "TEL.", "TEL2", "Tél.", "Portable", "Mobile", "GSM",
        "Numéro SMS", "Numero SMS", "Téléphone mobile", "Téléphone portable", "Tel portable", "Tél. portable",
        "Tél. mobile", "Mobile phone", "phone", "mobile", "cell", "cellphone", "cell phone", "telephone number",
        "phone number", "mobile number", "Numéro de téléphone", "Numéro de portable", "Numéro mobile",
        "N° portable", "N° de portable", "N° mobile", "numero_telephone", "telephone_number",
    ].map(ColumnKey.loose))

    /// Words that name the number column of a list of numbers only (a
    /// STOP or NPAI export), where nothing else can be numbered: in a
    /// contact file, `Numéro` may be a client or street number.
    static let listOnly: Set<String> = Set([
        "Numéro", "Numero", "N°", "number", "msisdn", "destinataire", "recipient", "to",
    ].map(ColumnKey.loose))

    /// True when `header` names a phone column of a contact file.
    package static func isPhone(_ header: String) -> Bool {
        synonyms.contains(ColumnKey.loose(header))
    }

    /// True when `header` names the number column of a list of numbers.
    package static func isListPhone(_ header: String) -> Bool {
        let key = ColumnKey.loose(header)
        return synonyms.contains(key) || listOnly.contains(key)
    }
}
