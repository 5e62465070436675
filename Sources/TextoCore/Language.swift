/// The language of what people read: rejects' sentences, previews,
/// receipts and reports. French by default (DESIGN.md §2).
public enum Language: String, Sendable, CaseIterable, Codable {
    case fr, en
}
