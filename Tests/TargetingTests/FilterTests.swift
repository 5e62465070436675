import TextoCore
import Tables
import Testing
@testable import Targeting

@Suite("Filters on rows")
struct FilterTests {
    static let header = ["_phone", "NOM", "VILLE", "CODE_POSTAL", "DATE_NAISSANCE", "AUTORISE_SMS", "DERNIERE_VISITE", "NB_VISITES", "Date de fin"]
    static let rows: [[String]] = [
        ["+33600000001", "Le Gall", "Rennes", "35000", "14/03/1978", "Oui", "2026-09-01", "12", "2026-11-30"],
        ["+33600000002", "Hélène", "RENNES", "22000", "1990-01-01", "non", "2026-11-20", "3", ""],
        ["+33600000003", "Martin", "Ajaccio", "20000", "31/02/1980", "OUI", "", "", "2027-01-15"],
        ["+33600000004", "Payet", "Saint-Denis", "97400", "2000-02-29", "oui", "01/10/2026", "1,5", "2026-12-01"],
    ]
    static let today = CivilDate.parse("2026-11-22")!

    /// The outcome of `expression` on each sample row: P pass, F fail, U:COLUMN unreadable.
    static func outcomes(_ expression: String) throws -> [String] {
        let filter = try Filter(expression, header: header, sample: rows, today: today)
        return rows.enumerated().map { index, cells in
            RowStorage.withRow(cells, number: index + 2) { row in
                switch filter.evaluate(row) {
                case .pass: return "P"
                case .fail: return "F"
                case .unreadable(let column): return "U:\(column)"
                }
            }
        }
    }

    static func failure(_ expression: String) -> ExpressionError? {
        do {
            _ = try Filter(expression, header: header, sample: rows, today: today)
            return nil
        } catch let error as ExpressionError {
            return error
        } catch {
            return nil
        }
    }

    @Test("conditions on every kind of value", arguments: [
        ("VILLE = rennes", ["P", "P", "F", "F"]),
        ("ville = \"Rennes\"", ["P", "P", "F", "F"]),
        ("nom = helene", ["F", "P", "F", "F"]),
        ("AUTORISE_SMS = oui", ["P", "F", "P", "P"]),
        ("VILLE != Rennes", ["F", "F", "P", "P"]),
        ("age >= 40", ["P", "F", "U:DATE_NAISSANCE", "F"]),
        ("age > 40 or VILLE = Ajaccio", ["P", "F", "P", "F"]),
        ("age > 40 and VILLE = Rennes", ["P", "F", "F", "F"]),
        ("departement in [22, 29, 35, 56]", ["P", "P", "F", "F"]),
        ("departement = 2A", ["F", "F", "P", "F"]),
        ("departement = 974", ["F", "F", "F", "P"]),
        ("DERNIERE_VISITE < today - 30 days", ["P", "F", "F", "P"]),
        ("days_since(DERNIERE_VISITE) >= 30", ["P", "F", "F", "P"]),
        ("`date de fin` between today and today + 10 days", ["P", "F", "F", "P"]),
        ("days_until(`Date de fin`) <= 10", ["P", "F", "F", "P"]),
        ("NB_VISITES >= 3", ["P", "P", "F", "F"]),
        ("NB_VISITES < 2", ["F", "F", "F", "P"]),
        ("NOM starts with le", ["P", "F", "F", "F"]),
        ("VILLE contains DEN", ["F", "F", "F", "P"]),
        ("DERNIERE_VISITE is empty", ["F", "F", "P", "F"]),
        ("`Date de fin` is not empty", ["P", "F", "P", "P"]),
        ("not VILLE in [Rennes, Ajaccio]", ["F", "F", "F", "P"]),
        ("VILLE not in [\"Rennes\"]", ["F", "F", "P", "P"]),
        ("DATE_NAISSANCE < 01/01/1985", ["P", "F", "U:DATE_NAISSANCE", "F"]),
        ("days_until_birthday <= 100", ["F", "P", "U:DATE_NAISSANCE", "P"]),
        ("age between 18 and 30", ["F", "F", "U:DATE_NAISSANCE", "P"]),
    ])
    func conditions(expression: String, expected: [String]) throws {
        #expect(try Self.outcomes(expression) == expected, "\(expression)")
    }

    @Test("comparing a date column with a number is refused before any row")
    func dateWithNumber() throws {
        let error = try #require(Self.failure("DATE_NAISSANCE < 30"))
        #expect(error.message.contains("holds dates"))
        #expect(error.message.contains("days_since(DATE_NAISSANCE)"))
    }

    @Test("an unknown column suggests the close ones")
    func unknownColumn() throws {
        let error = try #require(Self.failure("DATE_NAISANCE < today"))
        #expect(error.message.hasPrefix("there is no column DATE_NAISANCE. Did you mean DATE_NAISSANCE?"))
        #expect(error.range == 0..<13)
    }

    @Test("days_since needs a date column")
    func daysSinceText() throws {
        let error = try #require(Self.failure("days_since(VILLE) > 3"))
        #expect(error.message == "VILLE does not hold dates, so days_since(VILLE) cannot be computed")
    }

    @Test("derived fields need their source column")
    func missingSource() throws {
        do {
            _ = try Filter("age > 3", header: ["_phone", "NOM"], sample: [], today: Self.today)
            Issue.record("age without a birth date column compiled")
        } catch let error as ExpressionError {
            #expect(error.message.hasPrefix("age is computed from a birth date column"))
        }
    }
}
