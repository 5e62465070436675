import Testing
@testable import Messages

@Suite("SMS count (3GPP TS 23.038 / 23.040, DOMAIN.md §2)")
struct SMSCountTests {
    struct Boundary: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var encoding: SMSEncoding
        var length: Int
        var segments: Int
        var testDescription: String { name }
    }

    static func gsm(_ n: Int, _ segments: Int) -> Boundary {
        Boundary(name: "\(n) × \"a\"", text: String(repeating: "a", count: n), encoding: .gsm7, length: n, segments: segments)
    }

    static func ucs2(_ n: Int, _ segments: Int) -> Boundary {
        Boundary(name: "\(n) × \"ê\"", text: String(repeating: "ê", count: n), encoding: .ucs2, length: n, segments: segments)
    }

    static let boundaries: [Boundary] = [
        gsm(1, 1), gsm(159, 1), gsm(160, 1), gsm(161, 2),
        gsm(153 * 2, 2), gsm(153 * 2 + 1, 3),
        gsm(153 * 3, 3), gsm(153 * 3 + 1, 4),
        gsm(153 * 4, 4), gsm(153 * 4 + 1, 5),
        ucs2(1, 1), ucs2(70, 1), ucs2(71, 2),
        ucs2(67 * 2, 2), ucs2(67 * 2 + 1, 3),
        ucs2(67 * 3, 3), ucs2(67 * 3 + 1, 4),
        ucs2(67 * 4, 4), ucs2(67 * 4 + 1, 5),
        Boundary(name: "empty: nothing to send", text: "", encoding: .gsm7, length: 0, segments: 0),
        // 3GPP TS 23.038 §6.2.1.1: an escape pair is never split.
        Boundary(name: "152 basic + € (the pair moves to part 2)", text: String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 7),
                 encoding: .gsm7, length: 161, segments: 2),
        Boundary(name: "153 × ] is 3 parts, not 2", text: String(repeating: "]", count: 153), encoding: .gsm7, length: 306, segments: 3),
        Boundary(name: "80 × € fits one SMS", text: String(repeating: "€", count: 80), encoding: .gsm7, length: 160, segments: 1),
        Boundary(name: "80 × € + a", text: String(repeating: "€", count: 80) + "a", encoding: .gsm7, length: 161, segments: 2),
        Boundary(name: "every extension character counts 2", text: "\u{0C}^{}\\[~]|€", encoding: .gsm7, length: 20, segments: 1),
        // TS 23.040: a surrogate pair is never split.
        Boundary(name: "66 units + emoji straddling the 67-unit boundary", text: String(repeating: "ê", count: 66) + "😀" + String(repeating: "ê", count: 5),
                 encoding: .ucs2, length: 73, segments: 2),
        Boundary(name: "35 emoji fit one SMS (70 units)", text: String(repeating: "😀", count: 35), encoding: .ucs2, length: 70, segments: 1),
        Boundary(name: "36 emoji: 33 + 3 per part", text: String(repeating: "😀", count: 36), encoding: .ucs2, length: 72, segments: 2),
        Boundary(name: "CRLF counts 2", text: "a\r\nb", encoding: .gsm7, length: 4, segments: 1),
        Boundary(name: "small ç is not GSM-7: UCS-2", text: "ça va", encoding: .ucs2, length: 5, segments: 1),
        Boundary(name: "capital Ç is GSM-7", text: "Ça va", encoding: .gsm7, length: 5, segments: 1),
        Boundary(name: "the French letters GSM-7 has", text: "àéèùÉìòäöüÄÖÜÇ", encoding: .gsm7, length: 14, segments: 1),
        Boundary(name: "a Greek capital is 1 septet", text: "ΔΦΓΛΩΠΨΣΘΞ", encoding: .gsm7, length: 10, segments: 1),
        Boundary(name: "NBSP forces UCS-2", text: "Prix\u{A0}: 5 €", encoding: .ucs2, length: 10, segments: 1),
        Boundary(name: "the escape character itself is not text", text: "a\u{1B}b", encoding: .ucs2, length: 3, segments: 1),
        Boundary(name: "a family emoji is 8 units", text: "👨‍👩‍👧", encoding: .ucs2, length: 8, segments: 1),
        Boundary(name: "161 septets with a message in UCS-2 would be 3 parts", text: String(repeating: "a", count: 160) + "’",
                 encoding: .ucs2, length: 161, segments: 3),
    ]

    @Test("boundaries", arguments: boundaries)
    func boundary(_ boundary: Boundary) {
        let count = SMS.count(boundary.text)
        #expect(count.encoding == boundary.encoding)
        #expect(count.length == boundary.length)
        #expect(count.segments == boundary.segments)
    }

    @Test("152 basic + € : the first part has 152 septets, the € opens the second")
    func euroAtPosition153() {
        let parts = SMS.parts(String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 7))
        #expect(parts.map { size(of: $0, in: .gsm7) } == [152, 9])
        #expect(parts[1].hasPrefix("€"))
    }

    @Test("153 × ] is 76 + 76 + 1 pairs")
    func closingBrackets() {
        #expect(SMS.parts(String(repeating: "]", count: 153)).map(\.count) == [76, 76, 1])
    }

    @Test("e + U+0301 is one é after normalizing: GSM-7, 1 septet")
    func combiningAccent() {
        #expect(SMS.count("e\u{301}").encoding == .ucs2)  // not normalized: 2 units
        #expect(SMS.count("e\u{301}").length == 2)
        let normalized = SMS.normalize("e\u{301}")
        #expect(normalized.unicodeScalars.map(\.value) == [0xE9])
        #expect(SMS.count(normalized) == SMS.count("é"))
        #expect(SMS.count(SMS.normalize(String(repeating: "e\u{301}", count: 160))).segments == 1)
    }

    @Test("normalizing twice changes nothing", arguments: ["", "abc", "e\u{301}té", "c\u{327}a", "👍🏽 ok", "Å"])
    func normalizeIsIdempotent(_ text: String) {
        let once = SMS.normalize(text)
        #expect(SMS.normalize(once) == once)
        #expect(Array(SMS.normalize(once).unicodeScalars) == Array(once.unicodeScalars))
    }

    @Test("a non-contiguous (bridged-like) string counts the same")
    func substringCopy() {
        let text = "Bonjour " + String(repeating: "é€", count: 60)
        #expect(SMS.count(String(text[...])) == SMS.count(text))
    }

    @Test("every basic character is 1 septet, every extension one 2")
    func alphabet() {
        #expect(GSMAlphabet.basic.unicodeScalars.count == 127)  // 128 codes less the escape
        for scalar in GSMAlphabet.basic.unicodeScalars {
            #expect(GSMAlphabet.septets(scalar) == 1, "\(scalar.escaped(asASCII: true))")
        }
        for scalar in GSMAlphabet.extended.unicodeScalars {
            #expect(GSMAlphabet.septets(scalar) == 2, "\(scalar.escaped(asASCII: true))")
        }
    }

    @Test("characters DOMAIN.md §2 says are not GSM-7",
          arguments: Array("âêëîïôûÿçœÀÂÈÊËÎÏÔÙÛ«»’–—…\u{A0}`\t°"))
    func notGSM(_ character: Character) {
        #expect(!GSMAlphabet.contains(character))
        #expect(SMS.count(String(character)).encoding == .ucs2)
    }

    static let spares: [(String, Int)] = [
        ("", 160),
        ("a", 159),
        (String(repeating: "a", count: 160), 0),
        (String(repeating: "a", count: 161), 153 * 2 - 161),
        (String(repeating: "]", count: 153), 153 - 2),  // parts 152 + 152 + 2
        (String(repeating: "a", count: 152) + "€", 6),  // 154 septets: one SMS
        (String(repeating: "a", count: 152) + "€" + String(repeating: "b", count: 7), 153 - 9),
        ("ê", 69),
        (String(repeating: "ê", count: 70), 0),
        (String(repeating: "ê", count: 71), 67 * 2 - 71),
        (String(repeating: "ê", count: 66) + "😀", 2),  // 68 units: one SMS
        (String(repeating: "ê", count: 66) + "😀" + String(repeating: "ê", count: 5), 67 - 7),  // parts 66 + 7
    ]

    @Test("spare: what still fits in the last part", arguments: spares)
    func spare(_ text: String, _ expected: Int) {
        #expect(SMS.spare(SMS.count(text)) == expected)
    }

    @Test("spare is exact: that many more basic characters keep the count, one more adds an SMS", arguments: [
        "", "Bonjour", String(repeating: "a", count: 158), String(repeating: "]", count: 153), String(repeating: "€a", count: 100),
        "ê", String(repeating: "ê", count: 69), String(repeating: "😀", count: 40), String(repeating: "ê", count: 66) + "😀",
    ])
    func spareIsExact(_ text: String) {
        let count = SMS.count(text)
        let spare = SMS.spare(count)
        let filler: Character = count.encoding == .gsm7 ? "a" : "b"
        let full = SMS.count(text + String(repeating: filler, count: spare))
        #expect(full.segments == max(count.segments, 1))
        #expect(SMS.spare(full) == 0)
        #expect(SMS.count(text + String(repeating: filler, count: spare + 1)).segments == max(count.segments, 1) + 1)
    }
}
