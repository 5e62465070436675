import TextoCore
import Tables
import Testing
@testable import Contacts

@Suite("Column names")
struct ColumnNamesTests {
    @Test("headers are kept; empty ones get their letter; repeated ones a number")
    func naming() {
        var names = ColumnNames(reserved: ["_source", "_row", "_phone", "_phone_raw"])
        let headers = ["NOM", "", "TELEPHONE", "Téléphone", "telephone ", "_row"]
        var occurrences: [String: Int] = [:]
        for (index, header) in headers.enumerated() {
            let key = ColumnKey.of(header)
            let occurrence = header.isEmpty ? 1 : (occurrences[key, default: 0] + 1)
            occurrences[key] = occurrence
            _ = names.column(for: header, letter: ["A", "B", "C", "D", "E", "F"][index], occurrence: occurrence)
        }
        #expect(names.names == ["NOM", "Colonne B", "TELEPHONE", "Téléphone (2)", "telephone  (3)", "_row (2)"])
    }

    @Test("a header met again in another file maps to the same column")
    func sharedAcrossFiles() {
        var names = ColumnNames(reserved: ["_source", "_row", "_phone", "_phone_raw"])
        let first = names.column(for: "Prénom", letter: "A", occurrence: 1)
        let second = names.column(for: "PRENOM", letter: "C", occurrence: 1)
        let other = names.column(for: "NOM", letter: "B", occurrence: 1)
        #expect(first == second)
        #expect(other != first)
        #expect(names.names == ["Prénom", "NOM"])
    }

    @Test("a second occurrence in one file does not merge with the first")
    func repeatedInOneFile() {
        var names = ColumnNames(reserved: ["_source", "_row", "_phone", "_phone_raw"])
        let first = names.column(for: "TEL", letter: "A", occurrence: 1)
        let second = names.column(for: "TEL", letter: "B", occurrence: 2)
        #expect(first != second)
    }
}
