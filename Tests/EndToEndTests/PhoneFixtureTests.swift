import Foundation
import Testing

/// `Fixtures/phones/`: two exports (openpyxl XLSX, LibreOffice CSV) with two
/// phone columns and duplicates across and inside files. `expected.tsv`
/// was computed independently (by `Fixtures/tools/make_phones.py` from the
/// golden rules) and says, per row, the contact's number and the first cell
/// holding it when it is a duplicate.
@Suite("Phone fixture")
struct PhoneFixtureTests {
    struct Expectation {
        var contact: String
        var duplicateOf: (file: String, row: Int)?
    }

    static func expectations() throws -> [String: Expectation] {
        let text = try String(contentsOf: StageRun.fixture("phones/expected.tsv"), encoding: .utf8)
        var result: [String: Expectation] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let key = "\(fields[0]):\(fields[1])"
            var expectation = result[key] ?? Expectation(contact: "")
            if !fields[7].isEmpty { expectation.contact = fields[7] }
            if expectation.duplicateOf == nil, !fields[8].isEmpty, fields[4] == expectation.contact || expectation.contact.isEmpty {
                let parts = fields[8].split(separator: ":")
                // The same mobile twice in one row is one contact, not a duplicate row.
                if "\(parts[0]):\(parts[1])" != key {
                    expectation.duplicateOf = (String(parts[0]), Int(parts[1]) ?? 0)
                }
            }
            result[key] = expectation
        }
        // Under `--phones first` only a row's contact number is claimed: a
        // repeat of another row's second mobile is not a duplicate.
        for (key, expectation) in result {
            if let first = expectation.duplicateOf, result["\(first.file):\(first.row)"]?.contact != expectation.contact {
                result[key]?.duplicateOf = nil
            }
        }
        return result
    }

    @Test("first mobile per contact, each mobile once, duplicates point to the first row")
    func firstPolicy() throws {
        let run = try StageRun.run(
            "texto-import", ["clients-a.xlsx", "clients-b.csv", "-o", "contacts.csv", "--rejects", "rejects.csv"],
            inputs: ["phones/clients-a.xlsx", "phones/clients-b.csv"])
        defer { run.cleanUp() }
        #expect(run.status == 0, run.context)
        let contacts = parseCSV(try run.file("contacts.csv")).dropFirst()
        let rejects = parseCSV(try run.file("rejects.csv")).dropFirst()
        func key(_ source: String, _ row: String) -> String {
            "\(source.split(separator: "#").first.map(String.init) ?? source):\(row)"
        }
        let kept = Dictionary(uniqueKeysWithValues: contacts.map { (key($0[0], $0[1]), $0[2]) })
        let rejected = Dictionary(uniqueKeysWithValues: rejects.map { (key($0[0], $0[1]), ($0[3], $0[4])) })
        let expected = try Self.expectations()
        #expect(kept.count + rejected.count == expected.count, "every row lands in exactly one file")
        for (row, expectation) in expected.sorted(by: { $0.key < $1.key }) {
            if let first = expectation.duplicateOf {
                let reject = rejected[row]
                #expect(reject?.0 == "duplicate", "\(row) should repeat \(first)")
                #expect(reject.map { $0.1.hasPrefix(first.file) && $0.1.hasSuffix(":\(first.row)") } == true, "\(row): \(String(describing: reject))")
            } else if expectation.contact.isEmpty {
                #expect(rejected[row] != nil && rejected[row]?.0 != "duplicate", "\(row) has no mobile")
            } else {
                #expect(kept[row] == expectation.contact, "\(row)")
            }
        }
    }
}
