import Foundation
import TextoCore

/// What `texto-watch` writes beside a dropped spreadsheet: in words an
/// accountant reads (French by default), what became of the file — rows
/// read, valid mobiles, duplicates, rejects by reason, audience, exclusions,
/// SMS, cost, when they leave — or, for a file that could not be used, what
/// is wrong and what to do. The same figures go to a text file and an HTML
/// page (from `Templates/receipt.mustache`).
public struct Receipt: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Equatable, Codable {
        /// Messages emitted: they leave at the times said.
        case scheduled
        /// Rendered, waiting for the "bon à tirer".
        case awaitingApproval
        /// Read and targeted, but nobody can receive the message.
        case nothingToSend
        /// The same content was dropped before: not processed twice.
        case duplicate
        /// The file could not be used.
        case rejected
    }

    public var outcome: Outcome
    /// The file as it was dropped, and as it now is (in `done/` or `rejected/`).
    public var droppedName: String
    public var storedName: String
    /// Unix seconds.
    public var droppedAt: Int
    public var processedAt: Int
    public var campaignName: String?
    public var campaignID: String?

    // The file.
    public var rows: Int?
    public var contacts: Int?
    /// Rows set aside, by reason code (`duplicate`, `not_mobile:fixed`, `invalid:letters`...).
    public var rejects: [String: Int] = [:]
    /// The file of the rejected rows, beside the receipt.
    public var rejectsFile: String?

    // Who receives it.
    public var audience: Int?
    /// Contacts left out, by reason (`no_consent`, `stop`, `filter`...).
    public var exclusions: [String: Int] = [:]

    // The SMS.
    public var messages: Int?
    public var units: Int?
    /// Estimated cost in ten-thousandths of a euro.
    public var costTenThousandths: Int?
    /// First and last send, Unix seconds.
    public var firstSend: Int?
    public var lastSend: Int?
    /// The first message as it will be read.
    public var example: String?

    /// The file to drop to approve the send (`awaitingApproval`).
    public var approvalFile: String?
    /// The earlier drop of the same content (`duplicate`).
    public var original: Original?
    /// What is wrong and what to do (`rejected`, `nothingToSend`).
    public var problem: String?
    public var remedy: String?

    public struct Original: Sendable, Equatable, Codable {
        public var name: String
        public var droppedAt: Int
        public var receipt: String

        public init(name: String, droppedAt: Int, receipt: String) {
            self.name = name
            self.droppedAt = droppedAt
            self.receipt = receipt
        }
    }

    public init(outcome: Outcome, droppedName: String, storedName: String, droppedAt: Int, processedAt: Int) {
        self.outcome = outcome
        self.droppedName = droppedName
        self.storedName = storedName
        self.droppedAt = droppedAt
        self.processedAt = processedAt
    }

    /// Rejected rows whose reason is a duplicate number.
    public var duplicates: Int { rejects.filter { $0.key == "duplicate" }.values.reduce(0, +) }
}

extension Receipt {
    /// The receipt as plain text, lines of at most about 80 characters.
    public func text(_ language: Language) -> String {
        let words = ReceiptWords(language)
        var lines = [words.title(droppedName), String(repeating: "=", count: min(72, words.title(droppedName).count)), ""]
        lines.append(words.headline(self))
        lines.append("")
        for section in words.sections(self) {
            lines.append(section.title)
            for item in section.items {
                let value = item.value.replacingOccurrences(of: "\n", with: "\n    ")
                lines.append("  " + item.label + (value.isEmpty ? "" : words.colon + value))
                for detail in item.details { lines.append("      - " + detail) }
            }
            lines.append("")
        }
        if let text = words.next(self) {
            lines.append(words.whatNext)
            lines.append(contentsOf: text.map { "  " + $0 })
            lines.append("")
        }
        lines.append(words.footer(self))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The receipt as a self-contained HTML page.
    public func html(_ language: Language) throws -> String {
        let words = ReceiptWords(language)
        let context: [String: Any] = [
            "lang": language.rawValue,
            "title": words.title(droppedName),
            "headline": words.headline(self),
            "tone": outcome == .rejected ? "bad" : outcome == .scheduled ? "good" : "wait",
            "sections": words.sections(self).map { section in
                [
                    "title": section.title,
                    "items": section.items.map {
                        ["label": $0.label, "value": $0.value, "details": $0.details, "hasDetails": !$0.details.isEmpty,
                         "isText": $0.value.count > 40] as [String: Any]
                    },
                ] as [String: Any]
            },
            "whatNext": words.whatNext,
            "next": words.next(self) ?? [],
            "hasNext": words.next(self) != nil,
            "footer": words.footer(self),
        ]
        return try TemplateLibrary.shared().render(context, withTemplate: "receipt") ?? ""
    }
}
