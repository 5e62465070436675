import Testing
@testable import Tables

@Suite("Number formats")
struct NumberFormatTests {
    @Test("built-in ids 14-22, 27-36, 45-47, 50-58 are dates or times; others General", arguments: 0...60)
    func builtInIds(id: Int) {
        let expected: NumberRendering
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: expected = .dateTime
        case 46: expected = .duration
        default: expected = .general
        }
        #expect(NumberFormat.builtIn(id) == expected)
    }

    @Test("custom formats with d, m, y, h or s outside quotes, escapes and brackets are dates", arguments: [
        ("dd/mm/yyyy", true), ("[$-40C]d mmmm yyyy", true), ("[$-F800]dddd, mmmm dd, yyyy", true),
        ("dd\" de \"mmmm yyyy", true), ("yyyy-mm-dd hh:mm", true), ("mm:ss", true), ("h:mm AM/PM", true),
        ("\"Le \"dd/mm", true), ("General", false), ("0.00", false), ("#,##0.00 \"€\"", false),
        ("[Red]0.00", false), ("0.00\\h", false), ("\"days\"0", false), ("0.00E+00", false), ("@", false),
        ("0%", false), ("_-* #,##0.00\\ \"€\"_-;\\-* #,##0.00\\ \"€\"_-", false),
    ])
    func customDates(code: String, isDate: Bool) {
        #expect((NumberFormat.classify(code) == .dateTime) == isDate, "\(code)")
    }

    @Test("[h]:mm:ss is elapsed time")
    func elapsed() {
        #expect(NumberFormat.classify("[h]:mm:ss") == .duration)
        #expect(NumberFormat.classify("[mm]:ss") == .duration)
    }

    @Test("zero-padding formats render as Excel shows them", arguments: [
        ("0000000000", 630050660, "0630050660"),
        ("00 00 00 00 00", 630050660, "06 30 05 06 60"),
        ("00000", 2200, "02200"),
        ("00000", 1234567, "1234567"),
        ("00 00 00 00 00", 0, "00 00 00 00 00"),
        ("\"+33 \"0 00 00 00 00", 630050660, "+33 6 30 05 06 60"),
        ("##-00", 5, "-05"),
    ])
    func digitPatterns(code: String, value: UInt64, shown: String) throws {
        guard case .digits(let pattern) = NumberFormat.classify(code) else {
            Issue.record("\(code) is not a digit pattern")
            return
        }
        var bytes: [UInt8] = []
        pattern.render(value, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == shown)
    }

    @Test("a lone 0, decimals, percents and thousands are not padding formats", arguments: ["0", "0.00", "0%", "#,##0", "00.00"])
    func notPadding(code: String) {
        #expect(NumberFormat.classify(code) == .general)
    }
}
