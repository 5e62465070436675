import Gateway
import Testing

@Suite("Message ids")
struct MessageIDTests {
    @Test("20 characters of [0-9A-Z], never a leading zero")
    func shape() {
        for index in 0..<10_000 {
            let id = MessageID(campaign: "noel-2026", e164: "+336\(10_000_000 + index)").text
            #expect(id.count == 20)
            #expect(id.allSatisfy { $0.isASCII && ($0.isNumber || $0.isUppercase) })
            #expect(id.first != "0")
        }
    }

    @Test("the same campaign and number give the same id; another campaign, number or kind another")
    func deterministic() {
        let id = MessageID(campaign: "noel-2026", e164: "+33630050660")
        #expect(id == MessageID(campaign: "noel-2026", e164: "+33630050660"))
        #expect(id != MessageID(campaign: "noel-2027", e164: "+33630050660"))
        #expect(id != MessageID(campaign: "noel-2026", e164: "+33630050661"))
        #expect(id != MessageID(campaign: "noel-2026", e164: "+33630050660", kind: .test))
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        #expect(MessageID(campaign: "noel-2026+", e164: "33630050660") != MessageID(campaign: "noel-2026", e164: "+33630050660"))
    }

    @Test("no collision among 200,000 numbers of two campaigns")
    func unique() {
        var seen = Set<String>()
        for campaign in ["a", "b"] {
            for index in 0..<100_000 {
                seen.insert(MessageID(campaign: campaign, e164: "+336\(20_000_000 + index)").text)
            }
        }
        #expect(seen.count == 200_000)
    }

    @Test("an id a gateway lower-cased or stripped of leading zeros matches", arguments: [
        ("4F0AZ", "4F0AZ"), ("4f0az", "4F0AZ"), ("0004F0AZ", "4F0AZ"), ("000", ""),
    ])
    func normalized(_ written: String, _ expected: String) {
        #expect(MessageID.normalized(written) == expected)
    }
}
