import TextoCore

/// Excel's rules for sheet names, and the names of the sheets a long table
/// continues on.
enum SheetName {
    /// Excel's limit, in UTF-16 code units.
    static let maximumLength = 31

    /// Throws unless Excel accepts `name` for a new sheet beside `existing`:
    /// 1 to 31 characters, none of `[ ] : * ? / \` nor a control character,
    /// no `'` at either end, not `History` (Excel keeps it for change
    /// tracking), and not the name of another sheet, whatever the case.
    static func check(_ name: String, existing: [String], file: String) throws {
        let location = DataLocation(file: file, sheet: name)
        func invalid(_ detail: String) -> XLSXWriterError {
            XLSXWriterError(.invalidSheetName, at: location, detail,
                            hint: "Name the sheet with 1 to 31 characters, without [ ] : * ? / \\ and without ' at either end.")
        }
        let length = name.utf16.count
        if length == 0 { throw invalid("a sheet name cannot be empty") }
        if length > maximumLength { throw invalid("the sheet name has \(length) characters; Excel allows at most 31") }
        if let bad = name.unicodeScalars.first(where: { "[]:*?/\\".unicodeScalars.contains($0) || $0.value < 0x20 || $0.value == 0x7F }) {
            throw invalid("a sheet name cannot hold \(bad.value < 0x20 || bad.value == 0x7F ? "a control character" : "'\(bad)'")")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw invalid("a sheet name cannot start or end with '") }
        if name.lowercased() == "history" { throw invalid("Excel keeps the sheet name History for itself") }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            throw XLSXWriterError(.duplicateSheetName, at: location, "the workbook already has a sheet named \"\(name)\" (Excel ignores case)",
                                  hint: "Give each sheet its own name.")
        }
    }

    /// The name of the `number`th sheet of the table `name` (2 and up):
    /// `Messages (2)`, with `name` cut to leave room for the suffix, and the
    /// number raised past names already taken.
    static func continuation(of name: String, number: Int, existing: [String]) -> (name: String, number: Int) {
        var number = number
        while true {
            let suffix = " (\(number))"
            var base = Substring(name)
            while base.utf16.count + suffix.utf16.count > maximumLength { base.removeLast() }
            let candidate = String(base) + suffix
            if !existing.contains(where: { $0.lowercased() == candidate.lowercased() }) { return (candidate, number) }
            number += 1
        }
    }

    /// `name` as a formula refers to it: between quotes, quotes doubled
    /// (`'Client''s list'`).
    static func quoted(_ name: String) -> String {
        var quoted = "'"
        for character in name {
            quoted.append(character)
            if character == "'" { quoted.append("'") }
        }
        return quoted + "'"
    }
}
