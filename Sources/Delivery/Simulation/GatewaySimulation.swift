import Foundation
import Gateway
import TableStage
import Tables
import TextoCore

/// `texto-simulate`: plays the gateway on `texto-emit`'s batch files, so
/// that the loop (emit, ingest, report) runs without an operator.
///
/// It writes into the output folder what a gateway leaves:
/// - `receipts.log`: SMPP delivery receipts in a log, one per line, in the
///   order they arrive: an ENROUTE or ACCEPTD receipt before some final
///   ones, then DELIVRD, EXPIRED or DELETED, UNDELIV or REJECTD; with
///   `--noise`, final receipts written twice, ids upper-cased or without
///   their leading zeros, neighbouring lines swapped;
/// - `submit.log`: our id beside the id the SMSC gave each message (the
///   receipts carry the SMSC's id, as real gateways' do), unless `--ids ours`;
/// - the replies: Gammu inbox files in `inbox/` (UTF-16BE with BOM), or
///   `replies.csv`;
/// - `expected.csv`: what happened to each message (its outcome, the final
///   receipt's stat and error, the reply), for tests to compare with what
///   `texto-ingest` makes of the files.
///
/// Deterministic: the same batches and options with the same `--seed`
/// give the same bytes. Every file appears complete, at the end, or not at
/// all.
public enum GatewaySimulation {
    public static func run(_ configuration: SimulationConfiguration) throws -> SimulationSummary {
        let stopwatch = Stopwatch()
        try configuration.validate()
        let files = try BatchReader.files(configuration.batches)
        try FileManager.default.createDirectory(atPath: configuration.out, withIntermediateDirectories: true)
        let folder = configuration.out.hasSuffix("/") ? configuration.out : configuration.out + "/"
        let outputs = StageOutputs()
        var simulator = Simulator(
            configuration: configuration,
            receipts: try outputs.file(folder + "receipts.log"),
            submits: configuration.ids == .smsc ? try outputs.file(folder + "submit.log") : nil,
            expected: try outputs.csv(folder + "expected.csv"),
            replies: configuration.replies == .csv ? try outputs.csv(folder + "replies.csv") : nil)
        try simulator.start()
        for file in files {
            try BatchReader.read(file) { message in try simulator.play(message) }
        }
        try simulator.finish()
        guard simulator.summary.messages > 0 else {
            throw SimulationError(.noMessages, at: DataLocation(file: configuration.batches.joined(separator: " ")),
                                  "the batches hold no message", hint: "Give the batch files texto-emit wrote, or their folder.")
        }
        if configuration.replies == .gammu {
            try FileManager.default.createDirectory(atPath: folder + "inbox", withIntermediateDirectories: true)
            for (name, bytes) in simulator.inbox {
                let file = try outputs.file(folder + "inbox/" + name)
                try bytes.withUnsafeBytes { try file.write($0) }
            }
        }
        try outputs.commit()
        var summary = simulator.summary
        summary.seconds = stopwatch.seconds
        return summary
    }
}

/// What the simulated gateway did: the figures of the summary line and of
/// `--summary FILE.json`, which `texto-ingest`'s results must equal.
public struct SimulationSummary: StageSummary, Codable, Equatable {
    public var messages = 0
    /// Messages by the outcome their receipts give: `delivered`, `expired`,
    /// `failed`, `pending` (no final receipt).
    public var outcomes: [String: Int] = [:]
    /// Failures whose error is permanent (REJECTD, UNDELIV 001): NPAI.
    public var permanentFailures = 0
    /// Opt-out replies (STOP, ARRET...), and other replies.
    public var stops = 0
    public var replies = 0
    /// Receipt lines written, and those among them that repeat a final receipt.
    public var receipts = 0
    public var duplicates = 0
    public var seconds = 0.0

    package init() {}

    public var dataProblem: String? { nil }

    public var line: String {
        let order = ["delivered", "expired", "failed", "pending"]
        let counts = order.filter { outcomes[$0, default: 0] > 0 }.map { "\($0) \(outcomes[$0]!)" }.joined(separator: ", ")
        return "\(messages) messages (\(counts)); \(stops) STOP and \(replies) other replies; "
            + "\(receipts) receipt lines, \(duplicates) of them duplicates"
    }
}

/// The simulation's state while the messages are read in send order: the
/// events not yet written, in a queue by time, written as soon as no later
/// message can make an earlier one.
struct Simulator {
    let configuration: SimulationConfiguration
    let receipts: AtomicOutputFile
    let submits: AtomicOutputFile?
    let expected: CSVWriter
    let replies: CSVWriter?
    private var random: SimulationRandom
    private var queue = TimedQueue<Event>()
    /// A receipt line held back to be written after the next one (a swap).
    private var heldBack: String?
    private(set) var summary = SimulationSummary()
    /// Gammu inbox files: name → bytes.
    private(set) var inbox: [(String, [UInt8])] = []
    private var inboxNames: Set<String> = []

    enum Event {
        case submit(String)
        case receipt(String)
        case reply(phone: String, text: String)
    }

    init(configuration: SimulationConfiguration, receipts: AtomicOutputFile, submits: AtomicOutputFile?,
         expected: CSVWriter, replies: CSVWriter?) {
        self.configuration = configuration
        self.receipts = receipts
        self.submits = submits
        self.expected = expected
        self.replies = replies
        random = SimulationRandom(seed: configuration.seed)
    }

    mutating func start() throws {
        try expected.record(["message_id", "phone", "outcome", "stat", "err", "reply"])
        try replies?.record(["phone", "received_at", "text"])
    }

    /// Opt-out replies as people type them.
    static let stopReplies = ["STOP", "Stop", "stop", "STOP ", "Stop.", "STOP!", "ARRET", "Arrêt", "arret", "STOP SMS", "Stopall"]
    /// Other replies, some holding "stop" in a sentence: not opt-outs.
    static let otherReplies = [
        "Merci !", "Ok merci", "C'est ouvert le dimanche ?", "Qui est-ce ?", "Je viendrai samedi",
        "Stop à la pluie, vivement samedi", "Je ne veux pas que ça s'arrête 😀", "Merci, arrêt de bus en face ?",
    ]

    /// Plays the gateway for one message.
    mutating func play(_ message: BatchedMessage) throws {
        try flush(before: message.sendAt)
        summary.messages += 1
        let smscID = Self.hex(random.next() & 0xFF_FFFF_FFFF, digits: 10)
        let receiptID = configuration.ids == .smsc ? smscID : message.id
        if submits != nil {
            let line = "\(Self.logTime(message.sendAt)) [SUBMIT] id:\(message.id) to:\(message.to) message_id:\(smscID)\n"
            queue.push(.submit(line), at: message.sendAt)
        }
        let text = String(message.text.prefix(20).map { $0 == "\n" ? " " : $0 })
        // An intermediate state, for some.
        if random.chance(0.3) {
            let at = message.sendAt + random.integer(in: 1...5)
            let stat: SMPPReceipt.Stat = random.chance(0.5) ? .enroute : .accepted
            let receipt = SMPPReceipt(id: receiptID, delivered: 0, submitDate: message.sendAt, doneDate: at, stat: stat, text: text)
            queue.push(.receipt(line(receipt, phone: message.to, at: at)), at: at)
        }
        // The final state.
        let draw = random.unit()
        let outcome: String
        var final: SMPPReceipt?
        var doneAt = message.sendAt
        if draw < configuration.delivered {
            outcome = "delivered"
            let latency = random.logNormal(median: configuration.latencyMedian, p90: configuration.latencyP90)
            doneAt += Int(min(latency, Double(SimulationConfiguration.validity)).rounded())
            final = SMPPReceipt(id: receiptID, delivered: 1, submitDate: message.sendAt, doneDate: doneAt, stat: .delivered, text: text)
        } else if draw < configuration.delivered + configuration.expired {
            outcome = "expired"
            doneAt += SimulationConfiguration.validity
            final = SMPPReceipt(id: receiptID, delivered: 0, submitDate: message.sendAt, doneDate: doneAt,
                                stat: random.chance(0.2) ? .deleted : .expired, text: text)
        } else if draw < configuration.delivered + configuration.expired + configuration.failed {
            outcome = "failed"
            doneAt += random.integer(in: 1...60)
            let kind = random.unit()
            let (stat, error): (SMPPReceipt.Stat, String) = kind < 0.5 ? (.undeliverable, "001") : kind < 0.8 ? (.undeliverable, "027") : (.rejected, "011")
            if stat == .rejected || error == "001" { summary.permanentFailures += 1 }
            final = SMPPReceipt(id: receiptID, delivered: 0, submitDate: message.sendAt, doneDate: doneAt, stat: stat, error: error, text: text)
        } else {
            outcome = "pending"
        }
        summary.outcomes[outcome, default: 0] += 1
        if var final {
            let arrival = doneAt + random.integer(in: 0...2)
            if random.chance(configuration.noise) { final.id = Self.rewritten(final.id, random: &random) }
            queue.push(.receipt(line(final, phone: message.to, at: arrival)), at: arrival)
            if random.chance(configuration.noise) {
                let again = arrival + random.integer(in: 1...30)
                queue.push(.receipt(line(final, phone: message.to, at: again)), at: again)
                summary.duplicates += 1
            }
        }
        // A reply, for some of the delivered.
        var reply = ""
        if outcome == "delivered" {
            let draw = random.unit()
            if draw < configuration.stop + configuration.reply {
                let isStop = draw < configuration.stop
                let text = random.pick(isStop ? Self.stopReplies : Self.otherReplies)
                let at = doneAt + Int(random.logNormal(median: 300, p90: 3_600).rounded())
                queue.push(.reply(phone: message.to, text: text), at: at)
                reply = isStop ? "stop" : "other"
                if isStop { summary.stops += 1 } else { summary.replies += 1 }
            }
        }
        try expected.record([message.id, message.to, outcome, final?.stat.rawValue ?? "", final?.error ?? "", reply])
    }

    mutating func finish() throws {
        try flush(before: Int.max)
        if let heldBack { try receipts.write(heldBack) }
        heldBack = nil
    }

    /// Writes the events earlier than `time`: no message read later can
    /// make an event before its own send time.
    private mutating func flush(before time: Int) throws {
        while let first = queue.firstTime, first < time, let (at, event) = queue.pop().map({ ($0.time, $0.item) }) {
            switch event {
            case .submit(let line):
                try submits?.write(line)
            case .receipt(let line):
                summary.receipts += 1
                if let held = heldBack {
                    try receipts.write(line)
                    try receipts.write(held)
                    heldBack = nil
                } else if random.chance(configuration.noise / 2) {
                    heldBack = line
                } else {
                    try receipts.write(line)
                }
            case .reply(let phone, let text):
                try writeReply(phone: phone, text: text, at: at)
            }
        }
    }

    private mutating func writeReply(phone: String, text: String, at time: Int) throws {
        if let replies {
            try replies.record([phone, SendTimeFormat.iso8601(time), text])
            return
        }
        // IN<YYYYMMDD>_<HHMMSS>_<NN>_<sender>_<part>.txt, UTF-16BE with BOM (Gammu's own inbox files).
        let stamp = SendTimeFormat.gammuParts(time)
        var serial = 0
        var name: String
        repeat {
            name = "IN\(stamp.date)_\(stamp.time)_\(serial < 10 ? "0" : "")\(serial)_\(phone)_00.txt"
            serial += 1
        } while !inboxNames.insert(name).inserted
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        inbox.append((name, bytes))
    }

    /// A receipt as a gateway logs it: when it arrived, from whom, the receipt text.
    private mutating func line(_ receipt: SMPPReceipt, phone: String, at time: Int) -> String {
        "\(Self.logTime(time)) [DLR] from \(phone): "
            + receipt.formatted(seconds: configuration.dateSeconds, capitalText: random.chance(0.1)) + "\n"
    }

    /// An id as some gateways write it back: upper-cased, or without its leading zeros.
    static func rewritten(_ id: String, random: inout SimulationRandom) -> String {
        if id.hasPrefix("0"), random.chance(0.5) { return String(id.drop { $0 == "0" }) }
        return id.uppercased() == id ? id.lowercased() : id.uppercased()
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// `2026-11-28 16:00:12`, Paris time.
    static func logTime(_ unixTime: Int) -> String {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let second = clock.secondOfDay
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(clock.date) \(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }
}
