import Tables

/// A configuration the inputs cannot satisfy, found once the headers are read.
public struct ImportError: CategorizedError {
    public enum Code: Sendable {
        /// `--phone-columns` names a column the file does not have.
        case unknownPhoneColumn
        /// No header looks like a phone column and none was named.
        case noPhoneColumn
        /// `--country` or `--countries` names a region Texto does not know.
        case unknownRegion
    }

    public var code: Code
    public var file: String
    public var detail: String
    public var hint: String

    public var category: ErrorCategory { .usage }

    public var description: String { "\(file): \(detail). \(hint)" }

    /// The names closest to `name` among `candidates`, for "did you mean".
    static func closest(to name: String, among candidates: [String]) -> [String] {
        let key = ColumnKey.of(name)
        let scored = candidates.map { ($0, distance(key, ColumnKey.of($0))) }
        let best = scored.map(\.1).min() ?? .max
        return best <= max(2, key.count / 3) ? scored.filter { $0.1 == best }.map(\.0) : []
    }

    /// Levenshtein distance between two short strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
