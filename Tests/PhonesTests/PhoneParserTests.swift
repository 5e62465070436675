import TestSupport
import Testing
@testable import Phones

@Suite("Phone parser")
struct PhoneParserTests {
    static let france = try! PhoneParser(defaultRegion: "FR")

    static func e164(_ text: String, parser: PhoneParser = france) -> String? {
        if case .number(let number) = parser.parse(text) { return number.e164String }
        return nil
    }

    @Test("every way people write +33630050660 (DOMAIN.md §1, seed 000)", arguments: [
        "06-30-05-06-60", "06 30 05 06 60", "0630050660", "630050660", "06/30/05/06/60", "06,30,05,06,60",
        "06.30.05.06.60", "33630050660", "33(0)630050660", "+33630050660", "0033630050660", "+33 (0)6 30 05 06 60",
        "0033 (0)6 30 05 06 60", "tel:+33-6-30-05-06-60", "06\u{A0}30\u{A0}05\u{A0}06\u{A0}60", "06\u{202F}30\u{202F}05\u{202F}06\u{202F}60",
        "  06 30 05 06 60  ", "+33 06 30 05 06 60", "(06) 30 05 06 60", "06 – 30 – 05 – 06 – 60", "\u{FEFF}0630050660",
    ])
    func forms(text: String) {
        #expect(Self.e164(text) == "+33630050660", "\(text.debugDescription)")
    }

    @Test("an overseas mobile written nationally gets its own country code", arguments: [
        ("0692 12 34 56", "+262692123456", "RE"), ("0639 20 12 34", "+262639201234", "YT"),
        ("692123456", "+262692123456", "RE"), ("+262 692 12 34 56", "+262692123456", "RE"),
    ])
    func overseas(text: String, expected: String, region: String) {
        guard case .number(let number) = Self.france.parse(text) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(number.e164String == expected)
        #expect(Self.france.plan.territories[number.territory].region == region)
        #expect(number.kind == .mobile)
    }

    @Test("a label or a remark around the number is set aside (issue 8)", arguments: [
        "Tél. 06 19 35 49 84", "Tel: 0619354984", "Port. 06 19 35 49 84", "Portable : 06 19 35 49 84", "Mobile 06 19 35 49 84",
        "GSM: 06 19 35 49 84", "N° 0033 6 19 35 49 84", "N°0033 6 19 35 49 84", "0619354984 (pro)", "06 19 35 49 84 perso",
        "\"06/19/35/49/84\"", "06 19 35 49 84.", "« 06 19 35 49 84 »", "\u{201C}06 19 35 49 84\u{201D}", "'0619354984",
        "Téléphone portable : 0619354984", "Mobile : 06 19 35 49 84 (perso)", "06 19 35 49 84, le soir",
        "Tél.\u{A0}: 06\u{A0}19\u{A0}35\u{A0}49\u{A0}84", "Tél : +33 (0)6 19 35 49 84", "Tel: 619354984",
    ])
    func labelAroundNumberIsAccepted(text: String) {
        #expect(Self.e164(text) == "+33619354984", "\(text.debugDescription): \(Self.france.parse(text))")
    }

    @Test("around two numbers or an extension, a label leaves that reason", arguments: [
        ("Tél. 06 30 05 06 60 / 06 11 22 33 44", PhoneProblem.twoNumbers), ("Tél. 06 30 05 06 60 ou 06 11 22 33 44", .twoNumbers),
        ("Tél. 01 42 68 53 00 poste 12", .extension), ("01 42 68 53 00 poste 12 (standard)", .extension),
    ])
    func labelAroundTwoNumbersOrExtension(text: String, problem: PhoneProblem) {
        #expect(Self.france.parse(text) == .invalid(problem))
    }

    @Test("letters inside or touching the number, prose and odd characters stay letters (issue 8)", arguments: [
        "06 30 05 06 6O", "06 30 05 06 6O (pro)", "O6 30 05 06 60", "O 6 30 05 06 60", "O. 6 30 05 06 60", "Tel06 30 05 06 60",
        "0630050660pro", "06 30 05 06 60 x", "06 30 05 06 60 p", "0800 FLEURS", "Tél. 0800 FLEURS", "1-800-FLOWERS",
        "Tél. 06 30 05 06 6", "Tél. 06 30 05 06 60 5", "Numéro de téléphone portable : 06 30 05 06 60",
        "Téléphone portable perso : 06 30 05 06 60", "06 30 05 06 60 appeler le soir svp", "Tel/Fax: 06 30 05 06 60",
        "Tel = 06 30 05 06 60", "Tél.\n06 30 05 06 60", "Tél. (pro) 06 30 05 06 60", "06 30 05 06 60 !", "Tél. 6.3005066E+08",
        "Tél. néant", "Tél. 0", "06 30 05 06 60 M. Dupont",
    ])
    func lettersAroundTheWrongWayStayRefused(text: String) {
        #expect(Self.france.parse(text) == .invalid(.letters), "\(text.debugDescription)")
    }

    @Test("a label changes nothing about the number it surrounds")
    func labelChangesNothing() {
        let numbers = ["06 30 05 06 60", "0692 12 34 56", "01 42 68 53 00", "+32 470 12 34 56", "262692123456", "630050660",
                       "+33 (0)6 30 05 06 60", "09 70 12 34 56"]
        let labels = [("Tél. ", ""), ("Portable : ", ""), ("N° ", ""), ("", " (pro)"), ("", " perso"), ("\"", "\""),
                      ("« ", " »"), ("GSM: ", " (perso)")]
        for number in numbers {
            for (before, after) in labels {
                #expect(Self.france.parse(before + number + after) == Self.france.parse(number), "\(before + number + after)")
            }
        }
    }

    @Test("an overseas country code without + is read as the home code is (issue 8)", arguments: [
        ("262692123456", "FR", "+262692123456", "RE"), ("590690820422", "FR", "+590690820422", "GP"),
        ("594694235356", "FR", "+594694235356", "GF"), ("596696121454", "FR", "+596696121454", "MQ"),
        ("262639766318", "FR", "+262639766318", "YT"), ("262 692 12 34 56", "FR", "+262692123456", "RE"),
        ("262(0)692123456", "FR", "+262692123456", "RE"), ("508708451234", "FR", "+508708451234", "PM"),
        ("33630050660", "RE", "+33630050660", "FR"), ("596696121454", "GP", "+596696121454", "MQ"),
        ("590690820422", "YT", "+590690820422", "GP"),
    ])
    func overseasCountryCodeWithoutPlus(text: String, region: String, expected: String, territory: String) throws {
        let parser = try PhoneParser(defaultRegion: region)
        guard case .number(let number) = parser.parse(text) else {
            Issue.record("\(text) in \(region): \(parser.parse(text))")
            return
        }
        #expect(number.e164String == expected)
        #expect(parser.plan.territories[number.territory].region == territory)
    }

    @Test("a country code without + is read only where it cannot be guessed wrong", arguments: [
        // Another country's code, a code outside the plan, or not from the French plan.
        ("32470123456", "FR", PhoneParse.invalid(.tooLong)), ("269639123456", "FR", .invalid(.tooLong)),
        ("689 87 12 34 56", "FR", .invalid(.tooLong)), ("262123456789", "FR", .invalid(.tooLong)),
        ("262692123456", "BE", .invalid(.tooLong)),
    ])
    func countryCodeWithoutPlusNotGuessed(text: String, region: String, expected: PhoneParse) throws {
        #expect(try PhoneParser(defaultRegion: region).parse(text) == expected)
    }

    @Test("a Saint-Pierre number of six digits without + stays the French number it also is")
    func nationalReadingFirst() {
        #expect(Self.e164("508412345") == "+33508412345")
    }

    @Test("a mainland mobile typed in Réunion is French")
    func mainlandFromOverseas() throws {
        let reunion = try PhoneParser(defaultRegion: "RE")
        #expect(Self.e164("06 30 05 06 60", parser: reunion) == "+33630050660")
        #expect(Self.e164("0692 12 34 56", parser: reunion) == "+262692123456")
    }

    @Test("what is not a mobile keeps its kind", arguments: [
        ("01 42 68 53 00", PhoneKind.fixed), ("09 70 12 34 56", .voip), ("0262 12 34 56", .fixed),
    ])
    func kinds(text: String, kind: PhoneKind) {
        guard case .number(let number) = Self.france.parse(text) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(number.kind == kind)
    }

    @Test("traps are refused with the reason, never guessed", arguments: [
        ("06 30 05 06 6O", PhoneProblem.letters), ("0800 FLEURS", .letters), ("06 30 05 06 60 / 06 11 22 33 44", .twoNumbers),
        ("06 30 05 06 60 ou 06 11 22 33 44", .twoNumbers), ("0630050660;0611223344", .twoNumbers),
        ("6.3005066E+08", .scientificNotation), ("6,3005066E+08", .scientificNotation), ("3.3630050660E+10", .scientificNotation),
        ("06 30 05 06 60 poste 12", .extension), ("01 42 68 53 00 ext. 12", .extension), ("0142685300 x12", .extension),
        ("01 42 68 53 00 #12", .extension), ("06 30 05", .tooShort), ("06 30 05 06 60 12", .tooLong), ("06 30 05 06 6", .tooShort),
        ("0700 00 00 00", .unallocated), ("06.30.05.06.60.", .unallocated),
    ])
    func traps(text: String, problem: PhoneProblem) {
        if problem == .unallocated, text.hasSuffix(".") {
            // A trailing dot is a separator, not a problem.
            #expect(Self.e164(text) == "+33630050660")
            return
        }
        #expect(Self.france.parse(text) == .invalid(problem), "\(text)")
    }

    @Test("empty cells and placeholders are missing", arguments: ["", "   ", "\u{A0}", "néant", "N/A", "-", "0", "00", "aucun"])
    func missing(text: String) {
        #expect(Self.france.parse(text) == .missing)
    }

    @Test("a number of a country outside the table is told apart from garbage")
    func foreign() {
        #expect(Self.france.parse("+1 212 555 0100") == .foreign(countryCode: 1))
        #expect(Self.france.parse("00212 6 12 34 56 78") == .foreign(countryCode: 212))
    }

    @Test("normalizing an E.164 result again gives it back", arguments: [
        "06 30 05 06 60", "0692 12 34 56", "01 42 68 53 00", "+32 470 12 34 56", "09 70 12 34 56",
    ])
    func idempotent(text: String) throws {
        let first = try #require(Self.e164(text))
        #expect(Self.e164(first) == first)
    }

    @Test("the order and choice of separators never matter")
    func separators() {
        var generator = SplitMix64(seed: 42)
        let separators = [" ", ".", "-", "/", ",", "\u{A0}", "  ", " - ", ""]
        let groups = ["06", "30", "05", "06", "60"]
        for _ in 0..<500 {
            var text = ""
            for (index, group) in groups.enumerated() {
                text += group
                if index < groups.count - 1 { text += separators[Int(generator.next() % UInt64(separators.count))] }
            }
            #expect(Self.e164(text) == "+33630050660", "\(text.debugDescription)")
        }
    }
}
