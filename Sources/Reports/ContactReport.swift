import Foundation
import Phones
import Store
import Tables
import TextoCore

/// A person's SMS history across campaigns (Resamania's member record,
/// MONEY's per-client list): every message sent to a number, or to the
/// contacts whose name contains a text, with its outcome and the replies,
/// as `contact-<who>.html` and `contact-<who>.xlsx`.
enum ContactReport {
    static func write(_ contact: String, query: ContactQuery, store: TextoStore, folder: ReportFolder, pages: ReportPages) throws {
        let history = try store.history(of: query)
        let name = "contact-" + fileName(query)
        let labels = folder.labels
        let workbook = try XLSXWriter(path: folder.path(name + ".xlsx"), dateFormat: labels.dateFormat)
        let table = try ReportTable(csv: nil, sheet: labels.historySheet, of: workbook, in: folder, header: labels.contactHeader,
                                    widths: [18, 24, 15, 24, 20, 10, 19, 14, 19, 14, 40])
        var clock = ParisClock()
        for message in history {
            let replies = message.replies.map { "\($0.text)\($0.isStop ? " (STOP)" : "")" }.joined(separator: " | ")
            try table.row([
                .text(message.campaign), .person(message.campaignName), .uniqueText(message.phone), .person(message.contactName),
                .sharedPerson(message.sourceFile), message.sourceRow.map(XLSXCell.integer) ?? .empty, clock.cell(stored: message.scheduledAt),
                .text(labels.state(message.state)), message.outcomeAt.map { clock.cell(stored: $0) } ?? .empty,
                .person(message.errorCode), .person(replies.isEmpty ? nil : replies),
            ])
        }
        try table.commit()
        try workbook.commit()
        folder.files.append(name + ".xlsx")
        folder.messages = history.count
        folder.campaigns = Array(Set(history.map(\.campaign))).sorted()
        try folder.write(page: pages.contact(contact, history: history), to: name + ".html")
    }

    /// The files' name: the number's digits, or the name in lower-case ASCII (`jeanne-martin`).
    static func fileName(_ query: ContactQuery) -> String {
        switch query {
        case .phone(let phone):
            return String(phone.dropFirst())
        case .name(let name):
            let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            let words = folded.unicodeScalars.split { !(("a"..."z").contains($0) || ("0"..."9").contains($0)) }
            return words.isEmpty ? "sans-nom" : words.map { String(String.UnicodeScalarView($0)) }.joined(separator: "-")
        }
    }
}

extension ContactQuery {
    /// A number when `text` reads as one (`06 12 34 56 78`, `+33612345678`), else a name.
    init(_ text: String, country: String) throws {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw ReportError(.emptyContact, at: DataLocation(option: "--contact"), "the contact is empty",
                              hint: "Give a phone number (06 12 34 56 78) or part of a name (le gall).")
        }
        let parser = try PhoneParser(defaultRegion: country)
        if text.contains(where: \.isNumber), case .number(let number) = parser.parse(text) {
            self = .phone(number.e164String)
        } else {
            self = .name(text.trimmingCharacters(in: .whitespaces))
        }
    }
}
