import Testing
@testable import Tables

@Suite("Number formats")
struct NumberFormatTests {
    /// What a format makes of a number, in tests' words.
    enum Kind: String, Sendable {
        case general, date, duration, digits, sections
    }

    static func kind(_ rendering: NumberRendering) -> Kind {
        switch rendering {
        case .general: return .general
        case .dateTime: return .date
        case .duration: return .duration
        case .digits: return .digits
        case .sections: return .sections
        }
    }

    /// The cell Texto outputs for the number stored as `stored` (the text
    /// of `<v>`) under `rendering`.
    static func output(_ rendering: NumberRendering, _ stored: String) -> String {
        var arena = ByteArena()
        arena.append(Array(stored.utf8))
        rendering.render(&arena, from: 0, uses1904: false)
        return String(decoding: UnsafeBufferPointer(start: arena.base, count: arena.count), as: UTF8.self)
    }

    /// A format code, its class and what Texto outputs for sample numbers.
    struct Case: CustomTestStringConvertible, Sendable {
        var code: String
        var kind: Kind
        var samples: [(stored: String, shown: String)]
        var testDescription: String { code }

        init(_ code: String, _ kind: Kind, _ samples: [(String, String)]) {
            self.code = code
            self.kind = kind
            self.samples = samples.map { (stored: $0.0, shown: $0.1) }
        }
    }

    // MARK: - Built-in ids

    /// Every built-in id (ECMA-376 Part 1 §18.8.30) with its class and
    /// what 46348.4375 (2026-11-22 10:30) shows as.
    static let builtIns: [(id: Int, kind: Kind)] = (0...81).map { id in
        switch id {
        case 14...22, 27...36, 45, 47, 50...58: return (id, .date)
        case 46: return (id, .duration)
        default: return (id, .general)  // 23-26 and 59-81 have no code: General
        }
    }

    @Test("built-in ids: 14-22, 27-36, 45, 47, 50-58 dates, 46 elapsed, the rest General", arguments: builtIns)
    func builtIn(id: Int, kind: Kind) {
        let rendering = NumberFormat.builtIn(id)
        #expect(Self.kind(rendering) == kind, "id \(id): \(NumberFormat.builtInCodes[id] ?? "no code")")
        let shown = Self.output(rendering, "46348.4375")
        switch kind {
        case .date: #expect(shown == "2026-11-22T10:30:00", "id \(id)")
        case .duration: #expect(shown == "1112362:30:00", "id \(id)")
        default: #expect(shown == "46348.4375", "id \(id)")
        }
        #expect(Self.output(rendering, "75001") == (kind == .date ? "2105-05-05" : kind == .duration ? "1800024:00:00" : "75001"))
    }

    @Test("a built-in code classifies the same as when a workbook spells it out as a custom format",
          arguments: NumberFormat.builtInCodes.keys.sorted())
    func builtInCodesAreCustomCodes(id: Int) throws {
        let code = try #require(NumberFormat.builtInCodes[id])
        #expect(NumberFormat.classify(code) == NumberFormat.builtIn(id))
    }

    // MARK: - Custom codes as Excel and LibreOffice write them

    static let customs: [Case] = [
        // General dressed in a colour, a condition, a locale or text: still
        // General (they were taken for dates: 75001 came out as 2105-05-05).
        Case("General", .general, [("75001", "75001"), ("0.5", "0.5"), ("6.30050660E8", "630050660")]),
        Case("[Blue]General", .general, [("75001", "75001"), ("0.5", "0.5")]),
        Case("[Red][<-25]General;[Blue][>25]General;General", .general, [("-30", "-30"), ("30", "30"), ("0", "0"), ("0.5", "0.5"), ("75001", "75001")]),
        Case("[$-40C]General", .general, [("75001", "75001"), ("0.5", "0.5")]),
        Case(#"General" kg""#, .general, [("0.5", "0.5"), ("75001", "75001")]),
        Case(#""Poids : "General"#, .general, [("12.25", "12.25")]),
        Case("[DBNum1][$-804]General", .general, [("123", "123")]),
        Case("general;-General", .general, [("-5", "-5")]),
        Case("[GREEN]General;[RED]-General", .general, [("-5", "-5"), ("5", "5")]),
        // Numbers with decimals, separators, currencies, percents: General.
        Case("0", .general, [("42", "42"), ("0.5", "0.5")]),
        Case("0.00", .general, [("1024.6", "1024.6"), ("75001", "75001")]),
        Case("#,##0.00 €", .general, [("1234.5", "1234.5")]),
        Case(#"#,##0\ "€""#, .general, [("1234", "1234")]),
        Case(#"#,##0.00\ "€""#, .general, [("-3", "-3")]),
        Case("#,##0.00 [$€-40C]", .general, [("1234.5", "1234.5")]),
        Case("[$€-40C] #,##0.00", .general, [("1234.5", "1234.5")]),
        Case("[$$-409]#,##0.00", .general, [("5", "5")]),
        Case(#"_-* #,##0.00\ "€"_-;\-* #,##0.00\ "€"_-;_-* "-"??\ "€"_-;_-@_-"#, .general,
             [("1234.5", "1234.5"), ("-1234.5", "-1234.5"), ("0", "0")]),
        Case(#"#,##0.00\ "€";[Red]\-#,##0.00\ "€""#, .general, [("-2.5", "-2.5")]),
        Case("0%", .general, [("0.5", "0.5")]),
        Case("0.00%", .general, [("0.125", "0.125")]),
        Case("0.00E+00", .general, [("12345", "12345")]),
        Case("##0.0E+0", .general, [("12345", "12345")]),
        Case("# ?/?", .general, [("0.5", "0.5")]),
        Case("0.00\\h", .general, [("2.5", "2.5")]),
        Case(#""days"0"#, .general, [("3", "3")]),
        Case(#"0" m""#, .general, [("12", "12")]),
        Case(#""TRUE";"TRUE";"FALSE""#, .general, [("1", "1"), ("0", "0")]),
        Case("@", .general, [("75001", "75001")]),
        Case(#""Tél. "@"#, .general, [("612345678", "612345678")]),
        Case("[<=9999999]###-####;(###) ###-####", .general, [("5551234", "5551234"), ("612345678", "612345678")]),
        // Zero padding: shown as Excel shows it.
        Case("00000", .digits, [("75001", "75001"), ("2200", "02200"), ("1234567", "1234567"), ("-2200", "-2200")]),
        Case(###"0#" "##" "##" "##" "##"###, .digits, [("612345678", "06 12 34 56 78")]),
        Case("0000000000", .digits, [("612345678", "0612345678")]),
        Case("00 00 00 00 00", .digits, [("612345678", "06 12 34 56 78"), ("0", "00 00 00 00 00")]),
        Case(#"00\ 00\ 00\ 00\ 00"#, .digits, [("751223344", "07 51 22 33 44")]),
        Case(#""Tél. "00 00 00 00 00"#, .digits, [("612345678", "Tél. 06 12 34 56 78")]),
        Case("[Red]00000", .digits, [("2200", "02200")]),
        Case("[$-40C]00000", .digits, [("2200", "02200")]),
        Case("00000;-00000", .sections, [("2200", "02200"), ("-2200", "-2200")]),
        Case("[<=9999999]000-0000;(000) 000-0000", .sections, [("5551234", "555-1234"), ("612345678", "(061) 234-5678")]),
        // Dates and times: ISO 8601.
        Case("dd/mm/yyyy", .date, [("46348", "2026-11-22"), ("75001", "2105-05-05")]),
        Case("[$-40C]dd/mm/yyyy", .date, [("46348", "2026-11-22")]),
        Case("[$-40C]d mmmm yyyy", .date, [("46348", "2026-11-22")]),
        Case("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy", .date, [("46348", "2026-11-22")]),
        Case("[$-x-sysdate]dddd, mmmm dd, yyyy", .date, [("46348", "2026-11-22")]),
        Case("[$-x-systime]h:mm:ss AM/PM", .date, [("0.4375", "10:30:00")]),
        Case("[$-F400]h:mm:ss\\ AM/PM", .date, [("0.4375", "10:30:00")]),
        Case("[$-409]h:mm:ss\\ AM/PM", .date, [("0.5", "12:00:00")]),
        Case(#"dd" de "mmmm yyyy"#, .date, [("46348", "2026-11-22")]),
        Case(#""Le "dd/mm"#, .date, [("46348", "2026-11-22")]),
        Case("dd/mm/yyyy\\ hh:mm", .date, [("46297.7819444445", "2026-10-02T18:46:00")]),
        Case("yyyy-mm-dd;@", .date, [("46348", "2026-11-22")]),
        Case("m/d/yy h:mm", .date, [("46348.4375", "2026-11-22T10:30:00")]),
        Case("[Red]dd/mm/yyyy", .date, [("46348", "2026-11-22")]),
        Case("DD/MM/YYYY", .date, [("46348", "2026-11-22")]),
        Case("h:mm AM/PM", .date, [("0.4375", "10:30:00")]),
        Case("h:mm A/P", .date, [("0.4375", "10:30:00")]),
        Case("AM/PM", .date, [("0.75", "18:00:00")]),
        Case("mm:ss", .date, [("0.000694444444444444", "00:01:00")]),
        Case("mm:ss.0", .date, [("0.000694444444444444", "00:01:00")]),
        Case("hh:mm:ss", .date, [("0.5", "12:00:00")]),
        Case(#"[$-411]ggge"年"m"月"d"日""#, .date, [("46348", "2026-11-22")]),
        Case("[$-404]e/m/d", .date, [("46348", "2026-11-22")]),
        Case(#"上午/下午h"时"mm"分""#, .date, [("0.4375", "10:30:00")]),
        Case(#"yyyy"년" mm"월" dd"일""#, .date, [("46348", "2026-11-22")]),
        Case("d/m/bb", .date, [("46348", "2026-11-22")]),
        // LibreOffice 7.4's spelling of some of the above.
        Case("[<-25][RED]General;[>25][BLUE]General;General", .general, [("-30", "-30"), ("75001", "75001")]),
        Case(#"#,##0.00" €""#, .general, [("1234.5", "1234.5")]),
        Case(##"\$#,##0_);[RED]"($"#,##0\)"##, .general, [("-12", "-12")]),
        Case(#"_-* #,##0.00" €"_-;\-* #,##0.00" €"_-;_-* \-??" €"_-;_-@_-"#, .general, [("0", "0")]),
        Case(#"0#\ ##\ ##\ ##\ ##"#, .digits, [("612345678", "06 12 34 56 78")]),
        Case(#"[<=9999999]000\-0000;\(000") "000\-0000"#, .sections, [("5551234", "555-1234"), ("612345678", "(061) 234-5678")]),
        Case(#"[$-F800]dddd", "mmmm\ dd", "yyyy"#, .date, [("46348", "2026-11-22")]),
        Case(#"[$-1030411]ggge\年m\月d\日"#, .date, [("46348", "2026-11-22")]),
        Case(#"yyyy\-mm\-dd;@"#, .date, [("46348", "2026-11-22")]),
        Case("[HH]:MM:SS", .duration, [("1.5", "36:00:00")]),
        // Elapsed time.
        Case("[h]:mm:ss", .duration, [("1.5", "36:00:00"), ("0.5", "12:00:00")]),
        Case("[mm]:ss", .duration, [("0.5", "12:00:00")]),
        Case("[ss]", .duration, [("0.5", "12:00:00")]),
        // Sections of different classes: the value picks its section.
        Case("[<1]hh:mm;0.00", .sections, [("0.5", "12:00:00"), ("5.25", "5.25")]),
        Case(#"dd/mm/yyyy;[Red]"négatif""#, .sections, [("46348", "2026-11-22"), ("-1", "-1")]),
        Case("0.00;-0.00;dd/mm/yyyy", .sections, [("0", "00:00:00"), ("2.5", "2.5"), ("-2.5", "-2.5")]),
        Case("General;[h]:mm:ss", .sections, [("1.5", "1.5"), ("-1.5", "-36:00:00")]),
    ]

    @Test("custom codes: class and output per section", arguments: customs)
    func custom(_ format: Case) {
        let rendering = NumberFormat.classify(format.code)
        #expect(Self.kind(rendering) == format.kind)
        for sample in format.samples {
            #expect(Self.output(rendering, sample.stored) == sample.shown, "\(sample.stored)")
        }
    }

    @Test("an empty code, a lone ;, and more than four sections do not trap", arguments: ["", ";", ";;;", "0;0;0;@;0", "[", "\"", "\\", "_", "*"])
    func degenerate(code: String) {
        #expect(Self.output(NumberFormat.classify(code), "75001") == "75001")
    }

    // MARK: - Zero padding

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

    @Test("a lone 0, decimals, percents and thousands are not padding formats", arguments: ["0", "0.00", "0%", "#,##0", "00.00", "*-00000"])
    func notPadding(code: String) {
        #expect(NumberFormat.classify(code) == .general)
    }
}
