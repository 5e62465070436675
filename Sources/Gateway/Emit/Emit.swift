import Foundation
import Messages
import Phones
import Store
import TableStage
import Tables
import TextoCore

/// `texto-emit`: the batch files a gateway takes, every message scheduled
/// inside the window the law allows, and every message in the ledger.
///
/// Files and ledger agree, or neither exists: the ledger rows are written
/// in one store transaction while the files are written hidden; the files
/// are renamed into place (`BatchWriter.commit()`) just before that
/// transaction commits, and removed again if the commit fails.
///
/// Re-running the same emit changes nothing: the ids are the same, the
/// schedule starts where the first run's did, and a batch whose files
/// match the ledger's is neither written nor recorded again. A different
/// batch for a campaign already emitted is refused with what differs,
/// unless `--replace` (refused once a report for it was ingested).
public enum Emit {
    /// Runs the emit. Throws `GatewayError` for an invalid campaign id,
    /// sender, number or a refused re-run (exit 64), missing columns (65),
    /// a folder that cannot be written (73); `ScheduleError`, `TableError`,
    /// `StoreError` (a locked store: 75) as the parts they come from. In
    /// every case nothing is left in the batch folder or the store.
    public static func run(_ configuration: EmitConfiguration) throws -> EmitSummary {
        let stopwatch = Stopwatch()
        var summary = EmitSummary()
        summary.campaign = configuration.campaign
        summary.format = configuration.format.rawValue
        summary.test = configuration.isTest
        summary.excludedFile = configuration.excluded
        summary.rejectsFile = configuration.rejects

        try validate(campaign: configuration.campaign)
        let sender = try senderName(configuration.sender)
        if let warning = sender.warning { summary.warnings.append(warning) }
        let parser = try PhoneParser(defaultRegion: configuration.country)
        let testNumbers = try configuration.testTo.map { try recipient($0, parser: parser, option: "--test-to") }
        let oneOff = try oneOffMessages(configuration, parser: parser)
        let input = try oneOff == nil ? inputFile(configuration) : nil

        // (A PostgreSQL store is a server's: nothing to take back.)
        let storeExisted = StoreLocation.isURL(configuration.store) || FileManager.default.fileExists(atPath: configuration.store)
        let createdFolder = try makeFolder(configuration.out)
        do {
            return try emit(configuration, sender: sender, parser: parser, testNumbers: testNumbers, oneOff: oneOff, input: input,
                            summary: summary, stopwatch: stopwatch)
        } catch {
            // A failed emit leaves nothing it made: no empty store, no empty folder.
            if !storeExisted {
                for suffix in ["", "-wal", "-shm"] { unlink(configuration.store + suffix) }
            }
            if let createdFolder { try? FileManager.default.removeItem(atPath: createdFolder) }
            throw error
        }
    }

    /// The emit once its options check out and its folder exists.
    private static func emit(
        _ configuration: EmitConfiguration, sender: SenderName, parser: PhoneParser, testNumbers: [PhoneNumber], oneOff: OneOff?,
        input: StageInput?, summary: EmitSummary, stopwatch: Stopwatch
    ) throws -> EmitSummary {
        var summary = summary
        // The ledger's `created_at` is the emit's now (`TEXTO_NOW` in tests and demos).
        let now = Date(timeIntervalSince1970: TimeInterval(configuration.now))
        let store = try TextoStore(path: configuration.store, clock: { now })
        let suppressions = try store.suppressionSet()
        let outputs = StageOutputs()
        let excluded = try configuration.excluded.map { try outputs.csv($0) }
        let rejects = try configuration.rejects.map { try outputs.csv($0) }
        let batch = BatchConfiguration(folder: configuration.out, campaign: configuration.campaign, name: configuration.batchName,
                                       chunk: configuration.chunk,
                                       manifest: configuration.manifest ?? (configuration.isTest ? Self.testManifest(configuration.out) : nil))
        let writer = try configuration.format.makeWriter(batch, options: configuration.batchOptions)

        var committedFiles: BatchManifest?
        var replacedFiles: [BatchFileRecord] = []
        var schedule: ScheduleSummary?
        var start = 0
        do {
            let manifest = try store.recordLedger { ledger -> BatchManifest in
                let earlier = try ledger.emitted(configuration.campaign)
                let emittedBefore = earlier.map { $0.messages > 0 || !$0.files.isEmpty } ?? false
                start = configuration.start?.unixTime
                    ?? (configuration.isTest ? nil : earlier?.firstScheduled.map { Int($0.timeIntervalSince1970) })
                    ?? configuration.now
                if configuration.isTest {
                    try ledger.removeMessages(of: configuration.campaign, tests: true)
                } else if emittedBefore && configuration.replace {
                    if try ledger.hasReports(configuration.campaign) { throw historyExists(configuration.campaign) }
                    summary.replaced = try ledger.removeMessages(of: configuration.campaign, tests: false)
                    replacedFiles = earlier?.files ?? []
                }
                if earlier == nil || !configuration.isTest {
                    try ledger.record(CampaignRecord(
                        id: configuration.campaign, name: configuration.campaignName ?? earlier?.campaign.name ?? configuration.campaign,
                        type: configuration.type, sender: sender.text, category: configuration.category ?? earlier?.campaign.category,
                        template: configuration.template ?? earlier?.campaign.template))
                }
                // The category recorded before counts when none is given: it is what opt-outs to the campaign cover.
                var configuration = configuration
                configuration.category = configuration.category ?? earlier?.campaign.category
                let made = try LedgerPipe.run(into: ledger) { [start, configuration] pipe -> Made in
                    let emitter = MessageEmitter(configuration: configuration, sender: sender.text, start: start, writer: writer,
                                                 ledger: pipe, suppressions: suppressions)
                    var counts = MessageRows.Counts()
                    if let oneOff {
                        counts = try emitOneOff(oneOff, emitter: emitter, excluded: excluded, rejects: rejects)
                    } else if let input {
                        let rows = MessageRows(path: input.path, emitter: emitter, parser: parser, excluded: excluded, rejects: rejects)
                        try input.run(rows, progress: configuration.progress)
                        counts = rows.counts
                    }
                    try emitter.finish(testNumbers: testNumbers)
                    return Made(counts: counts, written: emitter.written, units: emitter.units, schedule: emitter.scheduleSummary)
                }
                summary.rows = made.counts.rows
                summary.excluded = made.counts.excluded
                summary.rejects = made.counts.rejects
                summary.recounted = made.counts.recounted
                summary.messages = made.written
                summary.units = made.units
                schedule = made.schedule
                guard made.written > 0 else { throw Abandon.nothingToSend }
                let manifest = try writer.finish()
                if let earlier, emittedBefore, !configuration.isTest, !configuration.replace {
                    if let difference = difference(recorded: earlier.files, made: manifest.files) {
                        throw refusal(configuration.campaign, difference: difference)
                    }
                    throw Abandon.unchanged(manifest)
                }
                for file in manifest.files {
                    try ledger.add(BatchFileRecord(
                        campaignID: configuration.campaign, name: file.name, sha256: file.sha256, messages: file.messages,
                        firstSendAt: date(file.firstSendAt), lastSendAt: date(file.lastSendAt)))
                }
                try writer.commit()
                committedFiles = manifest
                return manifest
            }
            removeStale(replacedFiles, keeping: manifest, in: batch)
            summary.files = manifest.files.count
        } catch Abandon.unchanged(let manifest) {
            writer.discard()
            summary.unchanged = true
            summary.files = manifest.files.count
        } catch Abandon.nothingToSend {
            writer.discard()
        } catch {
            writer.discard()
            if let committedFiles { withdraw(committedFiles, from: batch) }
            throw error
        }
        try outputs.commit()

        if let schedule, summary.messages > 0 {
            summary.firstSendAt = schedule.first.map(SendTimeFormat.iso8601)
            summary.lastSendAt = schedule.last.map(SendTimeFormat.iso8601)
            summary.daysUsed = schedule.daysUsed
            summary.windowMoves = schedule.moveSentences(in: configuration.language)
        }
        summary.warnings += warnings(configuration, start: start, first: schedule?.first)
        if let price = configuration.unitPrice {
            let cost = price.cost(units: summary.units)
            summary.costTenThousandths = cost
            summary.cost = Double(cost) / 10_000
        }
        summary.seconds = stopwatch.seconds
        return summary
    }

    /// What the thread that makes the messages made.
    private struct Made {
        var counts: MessageRows.Counts
        var written: Int
        var units: Int
        var schedule: ScheduleSummary
    }

    /// How a run ends early without an error.
    private enum Abandon: Error {
        /// The same batch is in the ledger already: nothing to write.
        case unchanged(BatchManifest)
        /// Every row was excluded or rejected.
        case nothingToSend
    }
}

extension Emit {
    /// Campaign ids name files and ledger rows: `[A-Za-z0-9_-]{1,32}`.
    static func validate(campaign: String) throws(GatewayError) {
        guard BatchConfiguration.isFileNamePart(campaign), (1...32).contains(campaign.utf8.count) else {
            throw GatewayError(.invalidCampaign, at: DataLocation(option: "--campaign"),
                               "\"\(campaign)\" cannot be a campaign id",
                               hint: "Use 1 to 32 letters without accents, digits, - or _ (noel-2026, relance_12).")
        }
    }

    static func senderName(_ text: String) throws(GatewayError) -> SenderName {
        do {
            return try SenderName(text)
        } catch {
            throw GatewayError(.invalidSender, at: DataLocation(option: "--sender"), error.detail,
                               hint: "Use up to 11 letters without accents and digits (KERKAFE), or a number of up to 15 digits.")
        }
    }

    /// A number given on the command line, as the import reads it; it must be able to receive an SMS.
    static func recipient(_ text: String, parser: PhoneParser, option: String) throws(GatewayError) -> PhoneNumber {
        switch MessageRows.mobile(parser.parse(text)) {
        case .success(let number): return number
        case .failure(let reason):
            throw GatewayError(.invalidRecipient, at: DataLocation(option: option), "\"\(text)\" cannot receive an SMS: \(reason.briefly)",
                               hint: "Write a mobile number, 06 30 05 06 60 or +33 6 30 05 06 60; separate several with a comma or a semicolon.")
        }
    }

    /// The input file, opened before anything is written.
    static func inputFile(_ configuration: EmitConfiguration) throws -> StageInput? {
        guard case .messages(let path) = configuration.source else { return nil }
        return try StageInput(path)
    }

    /// Creates the batch folder if missing; returns the outermost folder
    /// it created (to remove if the emit fails), nil when it existed.
    static func makeFolder(_ path: String) throws(GatewayError) -> String? {
        var outermost: String?
        var folder = URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL
        while !FileManager.default.fileExists(atPath: folder.path) {
            outermost = folder.path
            folder.deleteLastPathComponent()
        }
        do {
            try FileManager.default.createDirectory(atPath: path.isEmpty ? "." : path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path, "create the folder", cause: (error as NSError).localizedDescription)
        }
        return outermost
    }

    /// `file.firstSendAt` and the like (ISO 8601 with an offset) as a date.
    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: TimeInterval((try? SendStart(parsing: text))?.unixTime ?? 0))
    }

    /// A test batch's manifest, beside the campaign's `manifest.json`.
    static func testManifest(_ folder: String) -> String {
        BatchConfiguration(folder: folder, campaign: "").folderPrefix + "manifest-test.json"
    }

    /// Removes a batch whose ledger could not be committed after its files were renamed into place.
    static func withdraw(_ manifest: BatchManifest, from batch: BatchConfiguration) {
        for file in manifest.files { unlink(batch.folderPrefix + file.name) }
        unlink(batch.manifestPath)
    }

    /// After `--replace`: removes the earlier batch's files that this one
    /// did not write over (a chunk that is no longer made).
    static func removeStale(_ files: [BatchFileRecord], keeping manifest: BatchManifest, in batch: BatchConfiguration) {
        let kept = Set(manifest.files.map(\.name))
        for file in files where !kept.contains(file.name) { unlink(batch.folderPrefix + file.name) }
    }

    /// What differs between the batch files in the ledger and those this
    /// emit made, in a few words; nil when they are the same.
    static func difference(recorded: [BatchFileRecord], made: [BatchFile]) -> String? {
        let old = Dictionary(recorded.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(made.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [String] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            switch (old[name], new[name]) {
            case let (before?, now?) where before.sha256 != now.sha256 || before.messages != now.messages:
                differences.append(before.messages == now.messages
                    ? "\(name) holds other content (\(now.messages) messages both times)"
                    : "\(name) held \(before.messages) messages, now \(now.messages)")
            case (nil, let now?): differences.append("\(name) is new (\(now.messages) messages)")
            case (let before?, nil): differences.append("\(name) (\(before.messages) messages) is no longer made")
            default: break
            }
        }
        guard !differences.isEmpty else { return nil }
        let shown = differences.prefix(3).joined(separator: "; ")
        return differences.count > 3 ? shown + "; and \(differences.count - 3) more files differ" : shown
    }

    static func refusal(_ campaign: String, difference: String) -> GatewayError {
        GatewayError(.alreadyEmitted, at: DataLocation(option: "--campaign", file: campaign),
                     "campaign \(campaign) was emitted before with other messages: \(difference)",
                     hint: "To send these as a new campaign, give another --campaign id; to rewrite the batch before it is sent, add --replace. "
                         + "(A change of text, audience, --at, --rate or format changes the files; new STOP or NPAI numbers too.)")
    }

    static func historyExists(_ campaign: String) -> GatewayError {
        GatewayError(.reportsIngested, at: DataLocation(option: "--replace", file: campaign),
                     "delivery reports or replies of campaign \(campaign) are in the store: its messages were sent and cannot be replaced",
                     hint: "Emit the new messages as a new campaign, with another --campaign id.")
    }

    /// What to read before the send, besides the sender's warning.
    static func warnings(_ configuration: EmitConfiguration, start: Int, first: Int?) -> [String] {
        var result: [String] = []
        if let note = configuration.start?.note { result.append(note) }
        if let asked = configuration.start, asked.unixTime < configuration.now - 60 {
            result.append("--at \(asked.text) is in the past: the files say so, and a gateway may send them at once or refuse them")
        }
        if configuration.format == .gammu, let first, first > configuration.now + 300 {
            result.append("Gammu sends outbox files as soon as it finds them: put these files in the outbox at their send time "
                + "(from \(SendTimeFormat.iso8601(first))), not before")
        }
        return result
    }
}
