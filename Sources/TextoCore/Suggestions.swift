/// "Did you mean ...?" for a name a person typed: a column, a field, a sheet.
public enum Suggestions {
    /// The names closest to `name` among `candidates`, compared by
    /// `ColumnKey` (case, accents and spaces ignored); empty when none is
    /// close enough to be what was meant (at most 2 edits, or a third of
    /// the name).
    package static func closest(to name: String, among candidates: [String]) -> [String] {
        let key = ColumnKey.of(name)
        let scored = candidates.map { ($0, editDistance(key, ColumnKey.of($0))) }
        let best = scored.map(\.1).min() ?? .max
        return best <= max(2, key.count / 3) ? scored.filter { $0.1 == best }.map(\.0) : []
    }

    /// ` Did you mean "PRENOM"?` (with a leading space), or an empty string.
    package static func didYouMean(_ name: String, among candidates: [String], quoted: Bool = true) -> String {
        let close = closest(to: name, among: candidates)
        guard !close.isEmpty else { return "" }
        return " Did you mean " + close.map { quoted ? "\"\($0)\"" : $0 }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
