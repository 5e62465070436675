import Foundation
import Messages
import Phones
import Store
import Tables
import TextoCore

/// One message to emit, as read from a row or from `--to`/`--text`.
struct PendingMessage {
    var phone: PhoneNumber
    var text: String
    var count: SMSCount
    var source: String?
    var row: Int?
    var contactName: String?
    var postalCode: String?
}

/// Turns messages into batch files and ledger rows, one at a time (on the
/// thread of a `LedgerPipe`, which records the rows): the
/// last-moment opt-out, duplicates, the schedule, the id, the file, the
/// ledger row. For a test send, only picks the messages to test, and
/// writes them to the test numbers at the end.
final class MessageEmitter {
    let configuration: EmitConfiguration
    let sender: String
    private let writer: any BatchWriter
    /// Where the ledger rows go: to the store's transaction, on another thread.
    private let ledger: LedgerPipe
    private let suppressions: SuppressionSet
    private var schedule: SendSchedule
    private var seen = Set<UInt64>()
    private var picker = TestPicker()
    /// The messages written so far.
    private(set) var written = 0
    private(set) var units = 0

    init(configuration: EmitConfiguration, sender: String, start: Int, writer: any BatchWriter, ledger: LedgerPipe,
         suppressions: SuppressionSet) {
        self.configuration = configuration
        self.sender = sender
        self.writer = writer
        self.ledger = ledger
        self.suppressions = suppressions
        schedule = configuration.isTest
            ? SendSchedule(start: start, rate: nil, window: .none)
            : SendSchedule(start: start, rate: configuration.rate, window: configuration.sendWindow)
    }

    /// Why a number is dropped at the last moment, or nil: a STOP, NPAI or
    /// manual suppression that covers this campaign (every campaign, or its
    /// scope: all marketing, or its category), or an erased opt-out.
    func exclusion(of phone: PhoneNumber) -> String? {
        if let reason = suppressions.reason(phone.e164, in: configuration.suppressionScope) { return reason.rawValue }
        return suppressions.isErased(phone.e164String) ? "erased" : nil
    }

    /// Why a message cannot be sent, or nil: no text, or a number already
    /// messaged in this emit (its id would be the same).
    func rejection(of message: PendingMessage) -> String? {
        if message.count.segments == 0 { return "empty_text" }
        return seen.insert(message.phone.e164).inserted ? nil : RejectReason.duplicate.code
    }

    /// Emits `message` (or, for a test send, keeps it if it is worth testing).
    func emit(_ message: PendingMessage) throws {
        if configuration.isTest {
            picker.consider(message)
            return
        }
        try write(message, to: message.phone, id: MessageID(campaign: configuration.campaign, e164: message.phone.e164String), test: false)
    }

    /// For a test send: every picked message to every test number.
    func finish(testNumbers: [PhoneNumber]) throws {
        guard configuration.isTest else { return }
        for number in testNumbers {
            for (index, message) in picker.picked.enumerated() {
                let id = MessageID(campaign: configuration.campaign, e164: number.e164String, kind: .test, variant: index + 1)
                try write(message, to: number, id: id, test: true)
            }
        }
    }

    private func write(_ message: PendingMessage, to phone: PhoneNumber, id: MessageID, test: Bool) throws {
        let time = schedule.nextTime()
        let encoding: GatewayMessage.Encoding = message.count.encoding == .ucs2 ? .ucs2 : .gsm7
        let e164 = phone.e164String
        let file = try writer.write(GatewayMessage(
            id: id, to: e164, from: sender, text: message.text, encoding: encoding, segments: message.count.segments,
            campaign: configuration.campaign, sendAt: time, sendAtOffset: ParisTime.utcOffset(atUnixTime: time)))
        try ledger.send(LedgerMessage(
            id: id.text, campaignID: configuration.campaign, phone: e164, sourceFile: message.source, sourceRow: message.row,
            textLength: message.count.length, segments: message.count.segments, encoding: encoding.rawValue,
            scheduledAt: Date(timeIntervalSince1970: TimeInterval(time)), batchFile: file,
            contactName: message.contactName, postalCode: message.postalCode, isTest: test))
        written += 1
        units += message.count.segments
    }

    /// What the schedule did.
    var scheduleSummary: ScheduleSummary { schedule.summary }
}

/// The messages a test send shows (Hélium: "Vous devez impérativement
/// tester votre SMS avant de l'envoyer"): the first, the longest, and the
/// first of each encoding, each once.
struct TestPicker {
    private var first: PendingMessage?
    private var longest: PendingMessage?
    private var firstOfEncoding: [SMSEncoding: PendingMessage] = [:]

    mutating func consider(_ message: PendingMessage) {
        if first == nil { first = message }
        if let current = longest {
            if (message.count.segments, message.count.length) > (current.count.segments, current.count.length) { longest = message }
        } else {
            longest = message
        }
        if firstOfEncoding[message.count.encoding] == nil { firstOfEncoding[message.count.encoding] = message }
    }

    /// The picked messages, in that order, without repeats.
    var picked: [PendingMessage] {
        var result: [PendingMessage] = []
        for candidate in [first, longest, firstOfEncoding[.gsm7], firstOfEncoding[.ucs2]].compactMap({ $0 })
        where !result.contains(where: { $0.source == candidate.source && $0.row == candidate.row && $0.phone == candidate.phone }) {
            result.append(candidate)
        }
        return result
    }
}
