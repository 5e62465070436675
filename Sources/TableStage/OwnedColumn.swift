/// The columns Texto owns (DESIGN.md §1). They start with `_` and lead each
/// table the stages write; every other column is the user's, kept with its
/// original header.
public enum OwnedColumn {
    /// The file a contact came from (`clients.xlsx#Feuil1`).
    public static let source = "_source"
    /// The row Excel shows for the contact in `_source`.
    public static let row = "_row"
    /// The number in E.164 (`+33630050660`).
    public static let phone = "_phone"
    /// The phone cell as it was typed.
    public static let phoneRaw = "_phone_raw"
    /// Why a row is not in a stage's main output (`invalid:letters`, `stop`, `too_long:3`).
    public static let reason = "_reason"
    /// The row a duplicate repeats (`clients.csv:12`).
    public static let duplicateOf = "_duplicate_of"
    /// `_reason` in a sentence, in the user's language.
    public static let detail = "_detail"
    /// The message as it will be sent.
    public static let text = "_text"
    /// `GSM7` or `UCS2`.
    public static let encoding = "_encoding"
    /// Septets or UTF-16 units.
    public static let length = "_length"
    /// SMS units to pay.
    public static let segments = "_segments"

    /// True for a header Texto owns.
    public static func isOwned(_ header: String) -> Bool { header.hasPrefix("_") }
}
