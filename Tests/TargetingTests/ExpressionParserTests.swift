import Testing
@testable import Targeting

@Suite("Filter language")
struct ExpressionParserTests {
    static func parse(_ text: String) throws -> Expression { try ExpressionParser.parse(text) }

    static func failure(_ text: String) -> ExpressionError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as ExpressionError {
            return error
        } catch {
            return nil
        }
    }

    @Test("every operator parses", arguments: [
        "A = 1", "A == 1", "A != 1", "A <> 1", "A < 1", "A <= 1", "A > 1", "A >= 1", "A in [1, 2, 3]", "A not in [\"x\", 'y']",
        "A contains \"ar\"", "A starts with \"Le\"", "A is empty", "A is not empty", "A between 1 and 2",
        "A not between 2026-01-01 and 31/12/2026", "not A = 1", "(A = 1)", "A = today", "A < today - 30 days",
        "A <= today + 10 days", "A > today - 2 months", "A >= today - 1 year", "days_since(B) > 30", "`Date de naissance` is empty",
        "A = « Oui »", "A = -3", "A not contains \"x\"", "A IN [1] AND B = 2 OR NOT C = 3",
    ])
    func operators(text: String) throws {
        _ = try Self.parse(text)
    }

    @Test("and binds tighter than or; not tighter than and")
    func precedence() throws {
        let tree = try Self.parse("A = 1 or B = 2 and not C = 3")
        guard case .or(let left, let right) = tree, case .compare = left, case .and(_, let notC) = right, case .not = notC else {
            Issue.record("unexpected tree \(tree)")
            return
        }
    }

    @Test("between takes its own and")
    func between() throws {
        let tree = try Self.parse("age between 18 and 30 and VILLE = Rennes")
        guard case .and(let first, _) = tree, case .between = first else {
            Issue.record("unexpected tree \(tree)")
            return
        }
    }

    @Test("today offsets in every unit", arguments: [
        ("today - 30 days", -30, DateUnit.days), ("today + 10 jours", 10, .days), ("today - 2 weeks", -2, .weeks),
        ("today + 1 month", 1, .months), ("today - 40 years", -40, .years),
    ])
    func todayOffsets(text: String, offset: Int, unit: DateUnit) throws {
        guard case .compare(_, _, let right) = try Self.parse("A < \(text)"), case .today(let o, let u) = right.value else {
            Issue.record("no today")
            return
        }
        #expect(o == offset)
        #expect(u == unit)
    }

    @Test("errors say where and what was expected", arguments: [
        ("age > 40 and and VILLE = x", 13, "expected a column, a value or \"not\", found \"and\""),
        ("age > ", 6, "expected a column, a value or \"not\", found the end"),
        ("(age > 40", 0, "expected \")\" to close the \"(\" opened here"),
        ("VILLE = \"Rennes", 8, "this quote is not closed"),
        ("age 40", 4, "expected a comparison (= != < <= > >=), \"in\", \"contains\", \"starts with\", \"is empty\" or \"between\" after age, found 40.0"),
        ("A in 1, 2", 5, "expected a list in brackets after \"in\": [22, 29, 35]"),
        ("A < today - 30", 14, "expected a unit after the number: days, weeks, months or years (today - 30 days)"),
        // today offset crash: 2^63 days trapped converting to Int.
        ("A < today - 9223372036854775807 days", 12, "expected a whole number up to 1000000 after \"today -\" (today - 30 days)"),
        ("A < today + 1e300 years", 12, "expected a whole number up to 1000000 after \"today +\" (today - 30 days)"),
        ("A between 1 or 2", 12, "expected \"and\" between the two bounds (X between 18 and 30), found \"or\""),
        ("A = 31/02/1980", 4, "31/02/1980 is not a date: write 2026-11-22 or 22/11/2026 (a day that exists)"),
        ("A is full", 5, "expected \"empty\" after \"is\" (X is empty, X is not empty), found \"full\""),
        ("A = 1 B = 2", 6, "expected \"and\", \"or\" or the end of the expression, found \"B\""),
        ("A = $", 4, "\"$\" has no meaning here"),
    ])
    func errors(text: String, position: Int, message: String) throws {
        let error = try #require(Self.failure(text))
        #expect(error.range.lowerBound == position, "\(error)")
        #expect(error.message == message)
    }

    @Test("the message shows the expression with a caret under the place")
    func caret() throws {
        let error = try #require(Self.failure("age > 40 and and x = 1"))
        #expect(error.description == """
            cannot use the --where expression:
              age > 40 and and x = 1
                           ^^^
              expected a column, a value or "not", found "and"
            """)
    }
}
