/// One cell of a row an XLSXWriter writes.
///
/// What each case becomes in the sheet (ECMA-376 Part 1 §18.3.1.4):
/// - text goes to the shared-string table when it repeats, inline otherwise;
///   text Excel could not hold is adjusted, never refused: characters XML
///   1.0 cannot carry are written as Excel's `_xHHHH_` escapes (Excel and
///   the readers decode them), and text beyond Excel's 32,767 characters
///   per cell is cut at the last whole character that fits (Excel would
///   refuse the file otherwise);
/// - numbers are written in their shortest form that reads back as the same
///   `Double`; a NaN or an infinity, which a cell cannot hold, makes an empty
///   cell (a ratio of 0 / 0 in a report shows as a blank, not as a failure);
/// - `.text("")` and `.uniqueText("")` are empty cells, as Excel keeps them.
public enum XLSXCell: Sendable, Equatable {
    case empty
    /// Text that may repeat (a status word, an error code, a file name): goes to the shared-strings table, deduplicated.
    case text(String)
    /// Text that rarely repeats (a phone number, a person's name): written inline (t="inlineStr"), never enters the shared table.
    case uniqueText(String)
    /// A whole number. Excel holds numbers as doubles: beyond 15 digits it shows them rounded.
    case integer(Int)
    /// A number, shown with Excel's General format.
    case number(Double)
    /// A ratio shown as a percentage with one decimal (0.947 shows 94.7 %): number format "0.0%".
    case percent(Double)
    /// A wall-clock date and time, given as seconds since 1970-01-01T00:00:00 of that wall clock (the caller has already shifted UTC to local time); written as a real Excel date serial (seconds / 86400 + 25569) with the writer's date-time style.
    case dateTime(Int)
}
