import TextoCore
import Tables

/// Turns a file's header cells into the column names of the contacts CSV.
///
/// The user's headers are kept as written; an empty header gets the column's
/// letter (`Colonne D`), and a repeated one gets a number (`TELEPHONE (2)`),
/// so every output column has a unique name. Uniqueness is judged the way
/// later stages match names (`ColumnKey`), so no two columns can be confused.
package struct ColumnNames {
    package private(set) var names: [String] = []
    private var keys: [String: Int] = [:]
    private var taken: Set<String>

    /// `reserved`: names Texto owns; a user column with one of them is renamed.
    package init(reserved: [String]) {
        taken = Set(reserved.map(ColumnKey.of))
    }

    /// The output column for a header met in an input, adding it when new.
    /// Several inputs that share a header share its column; a header repeated
    /// inside one file gets a column per occurrence (`occurrence` counts them).
    package mutating func column(for header: String, letter: String, occurrence: Int) -> Int {
        let base = header.isEmpty ? "Colonne \(letter)" : header
        let key = ColumnKey.of(base) + (occurrence > 1 ? "#\(occurrence)" : "")
        if let existing = keys[key] { return existing }
        var candidate = base
        var counter = max(occurrence, 2)
        if occurrence > 1 { candidate = "\(base) (\(occurrence))" }
        while taken.contains(ColumnKey.of(candidate)) {
            candidate = "\(base) (\(counter))"
            counter += 1
        }
        taken.insert(ColumnKey.of(candidate))
        keys[key] = names.count
        names.append(candidate)
        return names.count - 1
    }
}
