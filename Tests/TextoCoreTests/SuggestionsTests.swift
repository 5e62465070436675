import Testing
import TextoCore

@Suite("Did you mean")
struct SuggestionsTests {
    @Test("the closest names, compared without case, accents or spaces", arguments: [
        ("PRNOM", ["Prénom", "Nom", "Ville"], ["Prénom"]),
        ("telephone", ["TELEPHONE2", "TELEPHONE", "Ville"], ["TELEPHONE"]),
        ("Code postal", ["CP", "Ville"], []),
        ("VILL", ["VILLE", "VILLA", "Nom"], ["VILLE", "VILLA"]),
        ("VILE", ["VILLE", "VILLA"], ["VILLE"]),
    ])
    func closest(_ name: String, _ candidates: [String], _ expected: [String]) {
        #expect(Suggestions.closest(to: name, among: candidates) == expected)
    }

    @Test("a sentence with a leading space, or nothing")
    func sentence() {
        #expect(Suggestions.didYouMean("PRNOM", among: ["Prénom"]) == " Did you mean \"Prénom\"?")
        #expect(Suggestions.didYouMean("PRNOM", among: ["Prénom"], quoted: false) == " Did you mean Prénom?")
        #expect(Suggestions.didYouMean("XYZ", among: ["Prénom"]).isEmpty)
    }
}
