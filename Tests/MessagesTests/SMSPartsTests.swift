import Testing
@testable import Messages

@Suite("SMS parts")
struct SMSPartsTests {
    static let texts: [String] = [
        "", "Bonjour", String(repeating: "a", count: 160), String(repeating: "a", count: 161),
        String(repeating: "a", count: 152) + "€" + "b", String(repeating: "]", count: 153), String(repeating: "[]", count: 200),
        String(repeating: "ê", count: 70), String(repeating: "ê", count: 71), String(repeating: "ê", count: 66) + "😀" + "fin",
        String(repeating: "😀", count: 100), String(repeating: "Ça coûte 12 € ! ", count: 30), String(repeating: "a\r\n", count: 80),
        String(repeating: "👨‍👩‍👧 ", count: 30),
    ]

    @Test("parts() splits where count() says, and gives the text back", arguments: texts)
    func partsMatchCount(_ text: String) {
        let count = SMS.count(text)
        let parts = SMS.parts(text)
        #expect(parts.count == count.segments)
        #expect(parts.joined() == text)
        let sizes = parts.map { size(of: $0, in: count.encoding) }
        #expect(sizes.reduce(0, +) == count.length)
        if count.segments > 1 {
            #expect(sizes.allSatisfy { $0 <= count.encoding.partCapacity })
            #expect(sizes.last == count.lastPartLength)
            // Each part is full but for a pair that did not fit.
            for (index, size) in sizes.dropLast().enumerated() {
                #expect(size >= count.encoding.partCapacity - 1, "part \(index + 1) of \(sizes)")
            }
        }
    }

    @Test("a message that fits one SMS is one part, as is")
    func single() {
        #expect(SMS.parts("Bonjour Zoé") == ["Bonjour Zoé"])
        #expect(SMS.parts("") == [])
    }

    @Test("161 × a is 153 + 8")
    func twoParts() {
        #expect(SMS.parts(String(repeating: "a", count: 161)).map(\.count) == [153, 8])
    }

    @Test("an emoji straddling the 67-unit boundary opens the second part")
    func emojiStraddle() {
        let parts = SMS.parts(String(repeating: "ê", count: 66) + "😀" + "fin")
        #expect(parts == [String(repeating: "ê", count: 66), "😀fin"])
    }
}
