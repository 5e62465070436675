import TextoCore

/// A delivery receipt found in a line of a gateway's log: the SMPP 3.4
/// receipt text (`id:... sub:... dlvrd:... submit date:... done date:...
/// stat:... err:... text:...`) wherever it stands in the line, fields as
/// written.
public struct ParsedReceipt: Sendable, Equatable {
    /// The message id as written (hex or decimal, any case, leading zeros
    /// or not): `MessageKey` normalizes it before matching.
    public var id: String
    public var submitted: Int?
    public var delivered: Int?
    /// Paris time, Unix seconds; nil when missing or not a date.
    public var submitDate: Int?
    public var doneDate: Int?
    /// The `stat` word, upper-cased.
    public var statWord: String
    /// The word as a known state; nil for a word SMPP does not define
    /// (`FAILED`): a failure, counted by word.
    public var stat: SMPPReceipt.Stat?
    public var error: String?
    /// The `text` field (`Text:` too): the start of the message; nil when absent.
    public var text: String?

    /// What the receipt says of the message.
    public var outcome: ReceiptOutcome {
        switch stat {
        case .delivered: return .delivered
        case .expired, .deleted: return .expired
        case .undeliverable, .rejected, .unknown, nil: return .failed
        case .accepted, .enroute, .buffered: return .pending
        }
    }
}

/// What a receipt says of a message (DOMAIN.md §4-5).
public enum ReceiptOutcome: String, Sendable, CaseIterable, Comparable {
    /// Not final yet (ENROUTE, ACCEPTD, BUFFRED).
    case pending
    /// Final, no delivery and no explicit failure (EXPIRED, DELETED).
    case expired
    /// Final, an explicit failure (UNDELIV, REJECTD, UNKNOWN, a word SMPP does not define).
    case failed
    /// Final, delivered.
    case delivered

    /// Which of two outcomes of one message stands: a final one over a
    /// pending one, and a delivery over anything (a late DELIVRD wins).
    public static func < (a: ReceiptOutcome, b: ReceiptOutcome) -> Bool {
        a.rank < b.rank
    }

    private var rank: Int {
        switch self {
        case .pending: return 0
        case .expired: return 1
        case .failed: return 2
        case .delivered: return 3
        }
    }
}

/// Finds and reads SMPP receipt text in a line, as gateways and SMSCs write
/// it: keys in any case, `Text:` or `text:` or none, dates of 10 digits
/// (`YYMMDDhhmm`) or 12 (`YYMMDDhhmmss`), fields after the id in the usual
/// order but not required to be all there. Only `id` and `stat` are needed.
public enum ReceiptParser {
    /// The receipt in `line`, or nil when it holds none.
    public static func parse(_ line: some StringProtocol) -> ParsedReceipt? {
        let bytes = Array(line.utf8)
        guard let idStart = value(of: "id:", in: bytes, from: 0) else { return nil }
        let id = token(bytes, from: idStart)
        guard !id.isEmpty, !id.contains(UInt8(ascii: ":")), let statStart = value(of: "stat:", in: bytes, from: idStart) else { return nil }
        let statWord = String(decoding: token(bytes, from: statStart), as: UTF8.self).uppercased()
        guard !statWord.isEmpty else { return nil }
        var receipt = ParsedReceipt(id: String(decoding: id, as: UTF8.self), statWord: statWord,
                                    stat: SMPPReceipt.Stat(rawValue: statWord))
        receipt.submitted = value(of: "sub:", in: bytes, from: idStart).flatMap { Int(String(decoding: token(bytes, from: $0), as: UTF8.self)) }
        receipt.delivered = value(of: "dlvrd:", in: bytes, from: idStart).flatMap { Int(String(decoding: token(bytes, from: $0), as: UTF8.self)) }
        receipt.submitDate = value(of: "submit date:", in: bytes, from: idStart).flatMap { date(token(bytes, from: $0)) }
        receipt.doneDate = value(of: "done date:", in: bytes, from: idStart).flatMap { date(token(bytes, from: $0)) }
        receipt.error = value(of: "err:", in: bytes, from: idStart).map { String(decoding: token(bytes, from: $0), as: UTF8.self) }
        if let textStart = value(of: "text:", in: bytes, from: idStart) {
            var end = bytes.count
            while end > textStart, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
            receipt.text = String(decoding: bytes[textStart..<end], as: UTF8.self)
        }
        return receipt
    }

    /// Where the value of `key` starts: after the key and any spaces, the
    /// key found case-insensitively at the start of the line or after a
    /// space (so `message_id:` is not `id:`), at or after `start`.
    static func value(of key: String, in bytes: [UInt8], from start: Int) -> Int? {
        let key = Array(key.utf8)
        var index = start
        while index + key.count <= bytes.count {
            if index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09,
               zip(bytes[index..<index + key.count], key).allSatisfy({ lower($0) == lower($1) }) {
                var valueStart = index + key.count
                while valueStart < bytes.count, bytes[valueStart] == 0x20 { valueStart += 1 }
                return valueStart
            }
            index += 1
        }
        return nil
    }

    /// The bytes from `start` to the next space or the end of the line.
    static func token(_ bytes: [UInt8], from start: Int) -> ArraySlice<UInt8> {
        var end = start
        while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x09, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return bytes[start..<end]
    }

    /// `YYMMDDhhmm` or `YYMMDDhhmmss`, Paris time (years 2000-2099).
    static func date(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.count == 10 || digits.count == 12, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        let values = stride(from: digits.startIndex, to: digits.endIndex, by: 2).map {
            Int(digits[$0] - UInt8(ascii: "0")) * 10 + Int(digits[$0 + 1] - UInt8(ascii: "0"))
        }
        guard let date = CivilDate(year: 2000 + values[0], month: values[1], day: values[2]),
              values[3] < 24, values[4] < 60, values.count == 5 || values[5] < 60 else { return nil }
        let second = values[3] * 3_600 + values[4] * 60 + (values.count == 6 ? values[5] : 0)
        return ParisTime.unixTime(date, secondOfDay: second).earliest
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
