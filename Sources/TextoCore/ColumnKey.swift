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

    /// A looser key for finding a column a person named: also without `_`,
    /// `-` and `.` (`autorise sms` finds `AUTORISE_SMS`, `email` finds
    /// `E-mail`). Used only when the exact key finds nothing.
    package static func loose(_ name: String) -> String {
        of(name).filter { $0 != "_" && $0 != "-" && $0 != "." }
    }

    /// The index of the header `name` designates: by exact key, else by the
    /// loose key when that designates exactly one header.
    package static func find(_ name: String, in headers: [String]) -> Int? {
        let key = of(name)
        if let exact = headers.firstIndex(where: { of($0) == key }) { return exact }
        let looseKey = loose(name)
        let matches = headers.indices.filter { loose(headers[$0]) == looseKey }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Excel's column letters: 0 → A, 25 → Z, 26 → AA.
    package static func letters(_ index: Int) -> String {
        var index = index
        var result: [UInt8] = []
        repeat {
            result.append(UInt8(65 + index % 26))
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: result.reversed(), as: UTF8.self)
    }
}
