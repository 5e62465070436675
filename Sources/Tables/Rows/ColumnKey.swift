import Foundation

/// How Texto matches column names everywhere (DESIGN.md §1): case-, accent-
/// and space-insensitively, so `$PRENOM$` finds `Prénom` and `TELEPHONE 2`
/// finds `Téléphone2`.
public enum ColumnKey {
    /// The key under which `name` matches: lowercased, accents and white
    /// space removed.
    public static func of(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var key = ""
        key.unicodeScalars.append(contentsOf: folded.unicodeScalars.lazy.filter { !$0.properties.isWhitespace })
        return key
    }

    /// Excel's column letters: 0 → A, 25 → Z, 26 → AA.
    public static func letters(_ index: Int) -> String {
        var index = index
        var result: [UInt8] = []
        repeat {
            result.append(UInt8(65 + index % 26))
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: result.reversed(), as: UTF8.self)
    }
}
