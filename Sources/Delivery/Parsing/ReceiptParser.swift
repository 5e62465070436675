import Store
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
    public var outcome: ReceiptOutcome { ReceiptOutcome(stat) }
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

extension ReceiptOutcome {
    /// What a receipt's `stat` says: nil is a word SMPP does not define, a failure.
    public init(_ stat: SMPPReceipt.Stat?) {
        switch stat {
        case .delivered: self = .delivered
        case .expired, .deleted: self = .expired
        case .undeliverable, .rejected, .unknown, nil: self = .failed
        case .accepted, .enroute, .buffered: self = .pending
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
        var text = String(line)
        return text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            guard let fields = ReceiptFields(bytes) else { return nil }
            func string(_ range: Range<Int>?) -> String? { range.map { String(decoding: bytes[$0], as: UTF8.self) } }
            let statWord = fields.statWord(in: bytes)
            var receipt = ParsedReceipt(id: string(fields.id)!, statWord: statWord, stat: SMPPReceipt.Stat(rawValue: statWord))
            receipt.submitted = string(fields.submitted).flatMap { Int($0) }
            receipt.delivered = string(fields.delivered).flatMap { Int($0) }
            receipt.submitDate = fields.submitDate.flatMap { date(bytes[$0]) }
            receipt.doneDate = fields.doneDate.flatMap { date(bytes[$0]) }
            receipt.error = string(fields.error)
            receipt.text = string(fields.text)
            return receipt
        }
    }

    /// `YYMMDDhhmm` or `YYMMDDhhmmss`, Paris time (years 2000-2099).
    static func date(_ digits: UnsafeRawBufferPointer.SubSequence) -> Int? {
        guard digits.count == 10 || digits.count == 12, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        let values = stride(from: digits.startIndex, to: digits.endIndex, by: 2).map {
            Int(digits[$0] - UInt8(ascii: "0")) * 10 + Int(digits[$0 + 1] - UInt8(ascii: "0"))
        }
        guard let date = CivilDate(year: 2000 + values[0], month: values[1], day: values[2]),
              values[3] < 24, values[4] < 60, values.count == 5 || values[5] < 60 else { return nil }
        let second = values[3] * 3_600 + values[4] * 60 + (values.count == 6 ? values[5] : 0)
        return ParisTime.unixTime(date, secondOfDay: second).earliest
    }

    /// Receipt dates already read, with their text as stored: the receipts
    /// of a log come in time order, a few thousand to a minute, and
    /// working a date out showed in profiles.
    struct DateCache {
        private var entries = [(digits: UInt64, unixTime: Int, text: String)?](repeating: nil, count: 256)

        /// The Unix time of the date in `digits`, and its text as stored; nil when not a date.
        mutating func time(_ digits: UnsafeRawBufferPointer.SubSequence) -> (unixTime: Int, text: String)? {
            guard digits.count == 10 || digits.count == 12 else { return nil }
            var value: UInt64 = 1   // a leading 1 tells 10 digits from 12
            for digit in digits {
                guard digit &- UInt8(ascii: "0") < 10 else { return nil }
                value = value * 10 + UInt64(digit - UInt8(ascii: "0"))
            }
            let slot = Int(truncatingIfNeeded: (value ^ value >> 8) & 0xFF)
            if let entry = entries[slot], entry.digits == value { return (entry.unixTime, entry.text) }
            guard let unixTime = ReceiptParser.date(digits) else { return nil }
            let text = StoreTime.text(unixTime: unixTime)
            entries[slot] = (value, unixTime, text)
            return (unixTime, text)
        }
    }
}

/// Where the fields of a receipt stand in a line's bytes, found in one
/// pass: `id:` at the start of the line or after a space or a tab (so
/// `message_id:` is not `id:`), then the first of each other key after it,
/// in any case, values after any spaces and up to the next space (`text:`
/// to the end of the line).
struct ReceiptFields {
    var id: Range<Int>
    var stat: Range<Int>
    var submitted: Range<Int>?
    var delivered: Range<Int>?
    var submitDate: Range<Int>?
    var doneDate: Range<Int>?
    var error: Range<Int>?
    var text: Range<Int>?

    init?(_ bytes: UnsafeRawBufferPointer) {
        guard let idStart = Self.value(of: "id:", in: bytes, from: 0) else { return nil }
        id = Self.token(bytes, from: idStart)
        guard !id.isEmpty, !bytes[id].contains(UInt8(ascii: ":")) else { return nil }
        var stat: Range<Int>?
        var index = idStart
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09 else { continue }
            func at(_ key: StaticString) -> Int? {
                guard index + key.utf8CodeUnitCount <= bytes.count else { return nil }
                let matches = key.withUTF8Buffer { key in
                    key.indices.allSatisfy { Self.lower(bytes[index + $0]) == key[$0] }
                }
                guard matches else { return nil }
                var start = index + key.utf8CodeUnitCount
                while start < bytes.count, bytes[start] == 0x20 { start += 1 }
                return start
            }
            switch Self.lower(bytes[index]) {
            case UInt8(ascii: "s"):
                if stat == nil, let start = at("stat:") { stat = Self.token(bytes, from: start) }
                if submitted == nil, let start = at("sub:") { submitted = Self.token(bytes, from: start) }
                if submitDate == nil, let start = at("submit date:") { submitDate = Self.token(bytes, from: start) }
            case UInt8(ascii: "d"):
                if delivered == nil, let start = at("dlvrd:") { delivered = Self.token(bytes, from: start) }
                if doneDate == nil, let start = at("done date:") { doneDate = Self.token(bytes, from: start) }
            case UInt8(ascii: "e"):
                if error == nil, let start = at("err:") { error = Self.token(bytes, from: start) }
            case UInt8(ascii: "t"):
                if text == nil, let start = at("text:") {
                    var end = bytes.count
                    while end > start, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
                    text = start..<end
                }
            default:
                break
            }
        }
        guard let stat, !stat.isEmpty else { return nil }
        self.stat = stat
    }

    /// The `stat` word, upper-cased.
    func statWord(in bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes[stat], as: UTF8.self).uppercased()
    }

    /// Where the value of `key` starts: after the key and any spaces, the
    /// key found case-insensitively at the start of the line or after a
    /// space or a tab, at or after `start`.
    static func value(of key: StaticString, in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        key.withUTF8Buffer { key in
            var index = start
            while index + key.count <= bytes.count {
                if index == 0 || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09,
                   key.indices.allSatisfy({ lower(bytes[index + $0]) == key[$0] }) {
                    var valueStart = index + key.count
                    while valueStart < bytes.count, bytes[valueStart] == 0x20 { valueStart += 1 }
                    return valueStart
                }
                index += 1
            }
            return nil
        }
    }

    /// The bytes from `start` to the next space or the end of the line.
    static func token(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Range<Int> {
        var end = start
        while end < bytes.count, bytes[end] != 0x20, bytes[end] != 0x09, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
        return start..<end
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
