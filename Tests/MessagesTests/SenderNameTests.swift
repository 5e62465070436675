import Messages
import Testing

/// The operators' sender rules (DOMAIN.md §2): 11 unaccented letters,
/// digits and spaces, or up to 15 digits.
@Suite("Sender names")
struct SenderNameTests {
    @Test("accepted, with a warning only for spaces", arguments: [
        ("KERKAFE", false), ("KerKafe2026", false), ("A", false), ("Ker Kafe", true),
        ("36035", false), ("+33612345678", false), ("123456789012345", false),
    ])
    func accepted(text: String, warns: Bool) throws {
        let sender = try SenderName(text)
        #expect(sender.text == text)
        #expect((sender.warning != nil) == warns)
    }

    @Test("refused, saying which rule", arguments: [
        ("", "empty"), ("   ", "empty"), ("KERKAFEPLUS1", "12 characters; at most 11"),
        ("Kér", "contains \"é\""), ("KER-KAFE", "contains \"-\""), ("KER_KAFE", "contains \"_\""),
        ("1234567890123456", "16 digits; at most 15"), ("+1234567890123456", "16 digits"), ("++336", "contains \"+\""),
    ])
    func refused(text: String, because: String) {
        let problem = #expect(throws: SenderName.Problem.self) { try SenderName(text) }
        #expect(problem?.detail.contains(because) == true, "\(problem?.detail ?? "")")
    }
}
