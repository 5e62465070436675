import Contacts
import Crypto
import Delivery
import Foundation
import Gateway
import Messages
import Reports
import Store
import Tables
import Targeting
import TextoCore

/// What `texto-run` is asked to do.
public struct RunConfiguration: Sendable {
    public var pipeline: String
    /// The run date (`--date`; default today in Paris): the run's folder,
    /// and `today` in filters unless the schedule says when the send is.
    public var date: CivilDate
    /// Stop before the emit: the audience, the SMS count, the cost, the preview.
    public var dryRun = false
    /// Approve the run of this date (`--approve RUN_ID`): its emit may go on.
    public var approve = false
    /// Seconds to wait for another run on the same store.
    public var wait = 0
    /// Now, in Unix seconds (`TEXTO_NOW` in tests and demos).
    public var now = Int(Date().timeIntervalSince1970)
    /// Called with a line per step (the executable prints it).
    public var log: (@Sendable (String) -> Void)?
    /// A file dropped in a watched folder (`texto-watch`): the run reads
    /// it instead of the pipeline's inputs, and is a campaign of its own.
    public var drop: DroppedFile?
    /// The store named by `--store` or `TEXTO_STORE`, over the pipeline's `store:`.
    public var store: String?

    public init(pipeline: String, date: CivilDate) {
        self.pipeline = pipeline
        self.date = date
    }

    /// The run's id, its folder's name: the run date, and a dropped file's tag after it.
    public var runID: String { RunID.make(date: date, tag: drop?.tag) }
}

/// A spreadsheet dropped in a watched folder, as a run reads it.
public struct DroppedFile: Sendable, Equatable, Codable {
    /// Where the run reads it.
    public var path: String
    /// Its name as it was dropped (`clients_novembre.xlsx`), for the campaign's name.
    public var name: String
    /// The first 8 hex digits of its SHA-256: the same file, the same run and campaign.
    public var tag: String
}

/// A run's id: its date (`2026-12-18`), and for a dropped file, the file's
/// tag after it (`2026-12-18-3f2a9c1b`).
enum RunID {
    static func make(date: CivilDate, tag: String?) -> String {
        tag.map { "\(date)-\($0)" } ?? date.description
    }

    /// The date and tag of a run id; nil when it is neither form.
    static func parse(_ run: String) -> (date: CivilDate, tag: String?)? {
        guard let date = CivilDate.parse(String(run.prefix(10))) else { return nil }
        if run.count == 10 { return (date, nil) }
        let rest = run.dropFirst(10)
        guard rest.first == "-", rest.count == 9, rest.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return (date, String(rest.dropFirst()))
    }
}

/// What a run did: its line and `--summary FILE.json`.
public struct RunSummary: StageSummary, Codable, Equatable {
    public var pipeline = ""
    public var campaign = ""
    public var run = ""
    /// The run's folder, and the report's index when the run wrote one.
    public var folder = ""
    public var report: String?
    public var steps: [RunManifest.StepRecord] = []
    public var dryRun = false
    /// Why a recurring pipeline did nothing on this date (inactive, out of its dates, paused, not due).
    public var notDue: String?
    /// The run waits for approval before its emit (`texto-run PIPELINE --approve RUN`).
    public var awaitingApproval = false
    public var seconds = 0.0

    public var dataProblem: String? { nil }

    public var line: String {
        if let notDue { return "\(campaign) \(run): not run: \(notDue)" }
        if awaitingApproval {
            return "\(campaign) \(run): awaiting approval before the emit: read \(folder)/preview.txt, then texto-run \(pipeline) --approve \(run)"
        }
        let done = steps.filter { $0.status == "done" }.count
        let unchanged = steps.filter { $0.status == "unchanged" }.count
        var text = "\(campaign) \(run): \(done) step\(done == 1 ? "" : "s") run"
        if unchanged > 0 { text += ", \(unchanged) unchanged" }
        if dryRun { text += " (dry run: nothing emitted)" }
        text += "; run folder \(folder)"
        if let report { text += "; report \(report)" }
        return text
    }
}

/// `texto-run`: the steps of one pipeline file in order, in-process
/// through the same library entry points as the stage executables, each
/// step's outputs in `<runs>/<campaign>/<run date>/` with `manifest.json`.
///
/// A step whose key (its settings, the SHA-256 of its inputs, the keys of
/// the steps before it) is the key of a step an earlier run of the same
/// day finished, and whose outputs are still there, is not run again; the
/// emit and the ingest are idempotent besides (the same emit, the same
/// file: nothing added). The report always runs: its input is the store.
public enum PipelineRun {
    public static func run(_ configuration: RunConfiguration) throws -> RunSummary {
        let stopwatch = Stopwatch()
        let pipeline = try PipelineFile.load(configuration.pipeline)
        if configuration.drop == nil, case .notDue(let reason) = pipeline.recurrence?.decision(on: configuration.date) {
            return RunSummary(pipeline: configuration.pipeline, campaign: pipeline.campaign.id, run: configuration.date.description,
                              notDue: reason, seconds: stopwatch.seconds)
        }
        let store = pipeline.storeLocation(given: configuration.store)
        let storeFolder = RunLock.isFile(store) ? (store as NSString).deletingLastPathComponent : ""
        if !storeFolder.isEmpty { try FileManager.default.createDirectory(atPath: storeFolder, withIntermediateDirectories: true) }
        let lock = try RunLock.forRun(store: store, campaign: pipeline.ledgerCampaign(run: configuration.runID), wait: configuration.wait)
        defer { withExtendedLifetime(lock) {} }

        let runID = configuration.runID
        let folder = pipeline.runFolder(runID)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(.incomplete, at: DataLocation(file: folder), "the run folder cannot be made",
                                hint: "Check that this user may write there, or set `runs:` in the pipeline.")
        }
        // A run killed before this one may have left temporary files: the
        // lock says no other run is going, and only dead processes' are removed.
        for place in [folder, storeFolder] + pipeline.outputFolders where !place.isEmpty { Leftovers.sweep(place) }
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        let previous = RunManifest.read(manifestPath)
        if let status = previous?.status, status.hasPrefix("cancel") || status == "partly sent" {
            return RunSummary(pipeline: configuration.pipeline, campaign: pipeline.campaign.id, run: runID, folder: folder,
                              notDue: "the run was cancelled (\(status))", seconds: stopwatch.seconds)
        }
        var manifest = RunManifest(pipeline: configuration.pipeline, pipelineSHA256: try FileDigest.sha256(configuration.pipeline),
                                   campaign: pipeline.campaign.id, run: runID, status: "running")
        manifest.drop = configuration.drop
        try manifest.write(manifestPath)

        var summary = RunSummary(pipeline: configuration.pipeline, campaign: pipeline.campaign.id, run: runID, folder: folder,
                                 dryRun: configuration.dryRun)
        let steps = StepRunner(pipeline: pipeline, configuration: configuration, folder: folder, store: store)
        var chain = manifest.pipelineSHA256
        let approval = Approval(folder: folder)
        if configuration.approve { try approval.approve(testFirst: !(pipeline.emit?.testTo.isEmpty ?? true)) }
        for step in pipeline.steps {
            if configuration.dryRun && [.emit, .simulate, .ingest].contains(step) { break }
            if step == .emit, pipeline.approvalRequired {
                // Messages other than the approved ones are refused, and wait
                // for an approval of their own, after their own test batch.
                var refusal: PipelineError?
                var allowed = false
                do {
                    allowed = try approval.allows(messages: (folder as NSString).appendingPathComponent("messages.csv"))
                } catch let error as PipelineError where error.code == .approvalRefused {
                    refusal = error
                }
                if !allowed {
                    if let testTo = pipeline.emit?.testTo, !testTo.isEmpty, !approval.testSent {
                        let test = try steps.emit(testTo: testTo)
                        configuration.log?("test send: \(test.summary)")
                        try approval.noteTestSent()
                    }
                    manifest.status = "awaiting-approval"
                    try manifest.write(manifestPath)
                    try recordState(.awaitingApproval, of: pipeline, run: runID, configuration: configuration, store: store)
                    if let refusal { throw refusal }
                    summary.steps = manifest.steps
                    summary.awaitingApproval = true
                    summary.seconds = stopwatch.seconds
                    return summary
                }
            }
            var record = RunManifest.StepRecord(step: step, status: "done", key: "")
            let started = Stopwatch()
            do {
                let earlier = previous?.steps.first { $0.step == step && $0.status != "failed" }
                let hashing = InputHashes(try steps.inputs(of: step), earlier: earlier?.inputs)
                let key = { (hashes: [RunManifest.FileHash]) in
                    FileDigest.sha256(text: ([chain, step.rawValue, steps.settings(of: step)] + hashes.map(\.sha256)).joined(separator: "\n"))
                }
                if earlier == nil {
                    // Nothing to compare with: the step runs, the inputs are hashed meanwhile.
                    let result = try hashing.whileRunning { try steps.run(step) }
                    (record.summary, record.outputs, record.counts) = (result.summary, result.outputs, result.counts)
                    record.inputs = try hashing.hashes()
                    record.key = key(record.inputs)
                } else {
                    record.inputs = try hashing.hashes()
                    record.key = key(record.inputs)
                    if step != .report, let done = earlier, done.key == record.key,
                       done.outputs.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
                        record.status = "unchanged"
                        record.outputs = done.outputs
                        record.summary = done.summary
                        record.counts = done.counts
                    } else {
                        let result = try steps.run(step)
                        (record.summary, record.outputs, record.counts) = (result.summary, result.outputs, result.counts)
                    }
                }
                chain = record.key
                if step == .emit {
                    try recordProvenance(pipeline, steps: steps, manifest: manifest, store: store)
                    try recordState(.scheduled, of: pipeline, run: runID, configuration: configuration, store: store)
                }
            } catch {
                record.status = "failed"
                record.error = "\(error)"
                record.exitCode = (error as? any TextoError)?.category.exitCode ?? ErrorCategory.runtime.exitCode
                record.seconds = started.seconds
                manifest.steps.append(record)
                manifest.status = "failed"
                try manifest.write(manifestPath)
                configuration.log?("\(step.rawValue): failed")
                throw error
            }
            record.seconds = started.seconds
            configuration.log?("\(step.rawValue): \(record.status == "unchanged" ? "unchanged, not run again" : record.summary)")
            if configuration.dryRun, step == .render, let preview = try? String(contentsOfFile: steps.preview, encoding: .utf8) {
                configuration.log?("preview:\n" + preview.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n"))
            }
            manifest.steps.append(record)
            try manifest.write(manifestPath)
        }
        manifest.status = configuration.dryRun ? "dry-run" : "complete"
        try manifest.write(manifestPath)
        if pipeline.steps.contains(.render), configuration.dryRun || !pipeline.steps.contains(.emit) {
            try recordState(.prepared, of: pipeline, run: runID, configuration: configuration, store: store)
        }
        summary.steps = manifest.steps
        if pipeline.steps.contains(.report), !configuration.dryRun {
            summary.report = ((pipeline.resolve(pipeline.report?.out ?? "rapports")) as NSString)
                .appendingPathComponent(pipeline.steps.contains(.emit) ? "\(steps.ledgerCampaign).html" : "index.html")
        }
        summary.seconds = stopwatch.seconds
        return summary
    }
}

extension PipelineRun {
    /// How this run made its campaign, in the store for the reports: the
    /// pipeline, the filter, the template's SHA-256, the target's counts.
    static func recordProvenance(_ pipeline: PipelineFile, steps: StepRunner, manifest: RunManifest, store: String) throws {
        let counts = manifest.steps.first { $0.step == .target }?.counts ?? [:]
        var exclusions: [String: Int] = [:]
        for (key, count) in counts where key.hasPrefix("excluded.") { exclusions[String(key.dropFirst("excluded.".count))] = count }
        let run = CampaignRun(campaign: steps.ledgerCampaign, run: manifest.run, pipeline: manifest.pipeline, pipelineSHA256: manifest.pipelineSHA256,
                              filter: pipeline.targeting?.filter, templateSHA256: steps.templateText().map { FileDigest.sha256(text: $0) },
                              rowsRead: counts["rows"] ?? 0, audience: counts["audience"] ?? 0, exclusions: exclusions)
        let now = Date(timeIntervalSince1970: TimeInterval(steps.configuration.now))
        try TextoStore(path: store, clock: { now }).record(run)
    }
}

extension PipelineRun {
    /// Records where the run's campaign stands, for `texto-store campaigns`.
    static func recordState(_ state: CampaignState, of pipeline: PipelineFile, run: String, configuration: RunConfiguration? = nil,
                       store: String) throws {
        let now = Date(timeIntervalSince1970: TimeInterval(configuration?.now ?? Int(Date().timeIntervalSince1970)))
        let campaign = pipeline.campaign
        try TextoStore(path: store, clock: { now }).record(CampaignStateRecord(
            campaign: pipeline.ledgerCampaign(run: run), name: campaign.name ?? campaign.id,
            type: CampaignType(rawValue: campaign.type) ?? .marketing, sender: campaign.sender, state: state, run: run,
            pipeline: configuration?.pipeline ?? pipeline.path))
    }
}

/// The SHA-256 of a step's inputs: taken from the last run when a file's
/// size and modification time are the same, else read; on a first run,
/// read on another thread while the step runs (the step reads them too).
final class InputHashes: @unchecked Sendable {
    private let paths: [String]
    private let earlier: [RunManifest.FileHash]
    private var result: Result<[RunManifest.FileHash], any Error>?
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    init(_ paths: [String], earlier: [RunManifest.FileHash]?) {
        self.paths = paths
        self.earlier = earlier ?? []
    }

    /// Runs `body` while the inputs are hashed on another thread.
    func whileRunning<T>(_ body: () throws -> T) throws -> T {
        started = true
        DispatchQueue.global().async {
            self.result = Result { try self.compute() }
            self.done.signal()
        }
        defer { done.wait() }
        return try body()
    }

    func hashes() throws -> [RunManifest.FileHash] {
        if !started { return try compute() }
        return try result!.get()
    }

    private func compute() throws -> [RunManifest.FileHash] {
        try paths.map { path in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = (attributes?[.size] as? NSNumber)?.intValue
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970
            if let known = earlier.first(where: { $0.path == path && $0.size == size && $0.modified == modified && size != nil }) {
                return known
            }
            return RunManifest.FileHash(path: path, sha256: try FileDigest.sha256(path), size: size, modified: modified)
        }
    }
}

/// SHA-256 of files and texts, in hexadecimal.
enum FileDigest {
    static func sha256(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PipelineError(.missingFile, at: DataLocation(file: path), "the file cannot be read", hint: "Check that it exists and may be read.")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        return hex(hasher.finalize())
    }

    static func sha256(text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
