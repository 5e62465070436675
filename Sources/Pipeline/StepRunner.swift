import Contacts
import Delivery
import Foundation
import Gateway
import Messages
import Reports
import Store
import Tables
import Targeting
import TextoCore

/// Each step of a pipeline as the configuration of its stage's library
/// entry point, the files it reads and the files it writes in the run
/// folder: `contacts.csv` and `rejects.csv` (import), `audience.csv` and
/// `excluded.csv` (target), `messages.csv`, `render-rejects.csv` and
/// `preview.txt` (render), `emit-excluded.csv` and `emit-rejects.csv`
/// (emit); the batch files, the simulated gateway and the report go where
/// the pipeline says.
struct StepRunner {
    let pipeline: PipelineFile
    let configuration: RunConfiguration
    let folder: String
    let store: String

    private func inRun(_ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// The campaign in the ledger: a recurring pipeline's each occurrence
    /// is a campaign of its own (`anniversaires-2027-01-04`), with its own
    /// messages, outcomes and report; a one-off pipeline's, its id.
    var ledgerCampaign: String {
        pipeline.ledgerCampaign(run: configuration.runID)
    }

    /// The campaign's name in the ledger: a recurring pipeline's occurrence
    /// says its date, a dropped file's run the file's name.
    var campaignName: String? {
        let name = pipeline.campaign.name ?? pipeline.campaign.id
        if let drop = configuration.drop { return "\(name) (\(drop.name))" }
        return pipeline.recurrence == nil ? pipeline.campaign.name : "\(name) (\(configuration.date))"
    }

    /// The render's preview of the first and the longest messages.
    var preview: String { inRun("preview.txt") }

    private var batches: String { pipeline.resolve(pipeline.emit?.out ?? "batches") }
    private var gateway: String { pipeline.resolve(pipeline.simulate?.out ?? "gateway") }

    /// `today` in filters: the day of the planned send when the schedule
    /// gives one (a campaign prepared today for next week counts its
    /// "15 days before the end of the contract" from the send), else the run date.
    var today: CivilDate {
        guard let at = sendTime, let start = try? SendStart(parsing: at) else { return configuration.date }
        return ParisTime.date(atUnixTime: start.unixTime)
    }

    /// When the emit starts: a recurring pipeline's run date at its time
    /// of day, else the schedule's `at` (nil: now).
    var sendTime: String? {
        if let moved = MovedSend.read(folder) { return moved }
        if let recurrence = pipeline.recurrence, configuration.drop == nil { return "\(configuration.date) \(recurrence.time)" }
        return pipeline.schedule?.at
    }

    /// The files a step reads from outside the run folder (the contacts,
    /// a template file): their SHA-256 are in its key. What it reads from
    /// the run folder was made by the steps before it, whose keys its key
    /// continues; those files are checked to be there, not hashed again.
    func inputs(of step: PipelineStep) throws -> [String] {
        let made: [String]
        switch step {
        case .import: made = []
        case .target: made = [inRun("contacts.csv")]
        case .render: made = [inRun("audience.csv")]
        case .emit: made = [inRun("messages.csv")]
        case .simulate, .ingest, .report: made = []
        }
        for path in made where !FileManager.default.fileExists(atPath: path) {
            throw PipelineError(.incomplete, at: DataLocation(file: path), "the \(step.rawValue) step's input is missing",
                                hint: "Run the steps before it in the same run (the pipeline's `steps`).")
        }
        let external = step == .import ? try inputFiles() : step == .render ? (try templatePath().map { [$0] } ?? []) : []
        for path in external where !FileManager.default.fileExists(atPath: path) {
            throw PipelineError(.missingFile, at: DataLocation(file: path), "an input of the pipeline is missing",
                                hint: "Check the path in \(pipeline.path) (relative to \(pipeline.folder)).")
        }
        return external
    }

    /// The settings of a step, as text: a change makes the step run again.
    func settings(of step: PipelineStep) -> String {
        switch step {
        case .import: return "\(pipeline.input.map { "\($0)" } ?? "")"
        case .target: return "\(pipeline.targeting.map { "\($0.filter ?? "") \($0.consentColumn ?? "") \($0.excludeCampaigns) \(String(describing: $0.maxSends))" } ?? "") \(today)"
        case .render: return "\(pipeline.campaign) \(pipeline.message.map { "\($0)" } ?? "")"
        case .emit: return "\(pipeline.campaign) \(sendTime ?? "") \(pipeline.schedule.map { "\($0)" } ?? "") \(pipeline.emit.map { "\($0)" } ?? "") \(store)"
        case .simulate: return "\(pipeline.simulate.map { "\($0)" } ?? "")"
        case .ingest: return "\(pipeline.ingest.map { "\($0)" } ?? "") \(store)"
        case .report: return "\(pipeline.report.map { "\($0)" } ?? "") \(store)"
        }
    }

    /// The input files: each path, or each file a glob matches (in name
    /// order); for a dropped file's run, the file.
    func inputFiles() throws -> [String] {
        if let drop = configuration.drop { return [drop.path] }
        guard let files = pipeline.input?.files, !files.isEmpty else {
            throw PipelineError(.incomplete, at: DataLocation(file: pipeline.path), "the pipeline's input has no files",
                                hint: "List them under input.files (paths or patterns); a pipeline run by texto-watch reads the dropped file instead.")
        }
        return try files.flatMap { pattern -> [String] in
            let path = pipeline.resolve(pattern)
            guard pattern.contains(where: { "*?[".contains($0) }) else { return [path] }
            let matches = Glob.matches(path)
            guard !matches.isEmpty else {
                throw PipelineError(.incomplete, at: DataLocation(file: pattern), "no file matches the input pattern",
                                    hint: "Check the pattern in the pipeline's input.files (relative to \(pipeline.folder)).")
            }
            return matches
        }
    }

    /// Runs `step`; its summary line and the files it wrote.
    func run(_ step: PipelineStep) throws -> StepResult {
        switch step {
        case .import:
            let input = pipeline.input!
            var settings = ImportConfiguration(inputs: try inputFiles(), output: inRun("contacts.csv"), rejects: inRun("rejects.csv"),
                                               sheet: input.sheet)
            settings.country = input.country.uppercased()
            settings.phoneColumns = input.phoneColumns
            settings.phones = ImportConfiguration.PhonePolicy(rawValue: input.phones) ?? .first
            settings.maxRejectRate = input.maxRejectRate
            let summary = try ContactImport.run(settings)
            var counts = ["rows": summary.rows, "contacts": summary.contacts, "rejects": summary.rejects]
            for (reason, count) in summary.reasons { counts["rejects." + reason] = count }
            return try checked(summary, [settings.output, settings.rejects], counts: counts)
        case .target:
            let targeting = pipeline.targeting!
            var exclusions = StoreExclusions(path: store, campaigns: targeting.excludeCampaigns,
                                             maxSends: targeting.maxSends.map { ($0.count, $0.days) })
            exclusions.category = pipeline.campaign.type == "notification" ? pipeline.campaign.category ?? "notification" : nil
            if targeting.newSinceLastRun { exclusions.seenBy = (pipeline.campaign.id, configuration.runID) }
            let settings = TargetConfiguration(input: inRun("contacts.csv"), output: inRun("audience.csv"), excluded: inRun("excluded.csv"),
                                               filter: targeting.filter, today: today, consentColumn: targeting.consentColumn,
                                               exclusions: FileManager.default.fileExists(atPath: store) ? .store(exclusions) : .given(Exclusions()))
            let summary = try Targeting.run(settings)
            if targeting.newSinceLastRun {
                try TextoStore(path: store).recordSeen(byPipeline: pipeline.campaign.id, run: configuration.runID,
                                                       phones: try Self.phones(in: inRun("contacts.csv")))
            }
            var counts = ["rows": summary.rows, "audience": summary.audience]
            for (reason, count) in summary.excluded { counts["excluded." + reason] = count }
            return try checked(summary, [settings.output, settings.excluded], counts: counts)
        case .render:
            let message = pipeline.message!
            let template: RenderConfiguration.TemplateSource = try message.templateName.map { .text(try NamedTemplate.load($0, for: pipeline).text) }
                ?? message.templateFile.map { .file(pipeline.resolve($0)) } ?? .text(message.template ?? "")
            var settings = RenderConfiguration(input: inRun("audience.csv"), output: inRun("messages.csv"), rejects: inRun("render-rejects.csv"),
                                               template: template)
            settings.type = CampaignType(rawValue: pipeline.campaign.type) ?? .marketing
            settings.stopMention = pipeline.campaign.stopMention
            settings.unicode = message.unicode
            settings.maxSegments = message.maxSegments
            settings.unitPrice = message.unitPrice
            settings.preview = preview
            let summary = try Render.run(settings)
            var counts = ["messages": summary.messages, "units": summary.units, "rejects": summary.rejects.values.reduce(0, +)]
            if let cost = summary.cost { counts["cost"] = Int((cost * 10_000).rounded()) }
            return try checked(summary, [settings.output, settings.rejects, preview], counts: counts)
        case .emit:
            return try emit(testTo: [])
        case .simulate:
            var settings = SimulationConfiguration(batches: [batches], out: gateway)
            settings.seed = pipeline.simulate?.seed ?? 1
            return try checked(GatewaySimulation.run(settings), [gateway])
        case .ingest:
            let sources = pipeline.ingest?.from.map(pipeline.resolve) ?? [gateway]
            var settings = IngestConfiguration(inputs: sources, store: store)
            settings.now = configuration.now
            return try checked(Ingest.run(settings), [])
        case .report:
            let report = pipeline.report!
            var settings = ReportConfiguration(store: store, out: pipeline.resolve(report.out))
            settings.language = Language(rawValue: report.language) ?? .fr
            settings.dialect = CSVDialect(rawValue: report.csvDialect) ?? .rfc4180
            settings.unitPrice = pipeline.message?.unitPrice
            settings.now = configuration.now
            return try checked(Report.run(settings), [pipeline.resolve(report.out)])
        }
    }

    /// The `_phone` column of a contacts file texto-import wrote.
    static func phones(in path: String) throws -> [String] {
        let reader = try TableFile.open(path)
        var column: Int?
        var phones: [String] = []
        try reader.forEachRow { row in
            guard let index = column else {
                column = (0..<row.width).first { row.string(at: $0) == "_phone" } ?? -1
                return
            }
            if index >= 0, row[index].count > 1 { phones.append(row.string(at: index)) }
        }
        return phones
    }

    /// The emit: the campaign's batch, or only a test batch to `testTo`.
    func emit(testTo: [String], replace: Bool = false) throws -> StepResult {
        let emit = pipeline.emit!
        var settings = EmitConfiguration(source: .messages(inRun("messages.csv")), campaign: ledgerCampaign, sender: pipeline.campaign.sender,
                                         out: batches, store: store)
        settings.campaignName = campaignName
        settings.category = pipeline.campaign.category
        settings.template = templateText()
        settings.type = CampaignType(rawValue: pipeline.campaign.type) ?? .marketing
        settings.format = BatchFormat(rawValue: emit.format) ?? .csv
        settings.chunk = emit.chunk
        settings.start = try sendTime.map(SendStart.init(parsing:))
        settings.window = try pipeline.schedule?.window.map(WindowKind.init(parsing:))
        settings.rate = try pipeline.schedule?.rate.map(SendRate.init(parsing:))
        settings.excluded = inRun("emit-excluded.csv")
        settings.rejects = inRun("emit-rejects.csv")
        settings.unitPrice = pipeline.message?.unitPrice
        settings.stopMention = pipeline.campaign.stopMention
        settings.unicode = pipeline.message?.unicode ?? false
        settings.now = configuration.now
        settings.testTo = testTo
        settings.replace = replace
        do {
            let summary = try Emit.run(settings)
            var counts = ["messages": summary.messages, "units": summary.units, "files": summary.files]
            if let cost = summary.cost { counts["cost"] = Int((cost * 10_000).rounded()) }
            let time = ISO8601DateFormatter()
            if let first = summary.firstSendAt.flatMap(time.date(from:)) { counts["first_send"] = Int(first.timeIntervalSince1970) }
            if let last = summary.lastSendAt.flatMap(time.date(from:)) { counts["last_send"] = Int(last.timeIntervalSince1970) }
            return try checked(summary, [batches], counts: counts)
        } catch let error as GatewayError where error.code == .alreadyEmitted && testTo.isEmpty {
            throw (try? sentByAnotherRun(error)) ?? error
        }
    }

    /// The emit's refusal in the pipeline's words, when another run of a
    /// one-off pipeline emitted its campaign: run on a second date, it
    /// would send the campaign twice.
    private func sentByAnotherRun(_ refusal: GatewayError) throws -> PipelineError? {
        let run = configuration.runID
        guard pipeline.recurrence == nil, configuration.drop == nil, let earlier = try TextoStore(path: store, create: false).recordedState(of: ledgerCampaign),
              earlier.run != run else { return nil }
        return PipelineError(
            .alreadySent, at: DataLocation(file: pipeline.path),
            "campaign \(ledgerCampaign) was emitted by the run of \(earlier.run), with other messages than this run of \(run): "
                + "a pipeline without a recurrence sends its campaign once",
            hint: "To send it again as a new campaign, copy the pipeline (texto-run \(pipeline.path) --copy NEW_ID) and run the copy; "
                + "for a campaign that comes back, give the pipeline a recurrence (each occurrence is a campaign of its own); "
                + "to look at the run of \(earlier.run), texto-run \(pipeline.path) --schedule list.",
            cause: refusal.detail)
    }

    /// A step's summary line, or an error when its data was unusable
    /// (what makes the stage's executable exit 65).
    private func checked(_ summary: some StageSummary, _ outputs: [String], counts: [String: Int]? = nil) throws -> StepResult {
        if let problem = summary.dataProblem {
            throw PipelineError(.unusableData, at: DataLocation(file: pipeline.path), problem,
                                hint: "See the step's outputs in \(folder).", cause: summary.line)
        }
        return StepResult(summary: summary.line, outputs: outputs, counts: counts)
    }

    /// The template's text as it was used: the library's, the file's, or the pipeline's.
    func templateText() -> String? {
        guard let message = pipeline.message else { return nil }
        if let name = message.templateName { return try? NamedTemplate.load(name, for: pipeline).text }
        if let file = message.templateFile { return try? String(contentsOfFile: pipeline.resolve(file), encoding: .utf8) }
        return message.template
    }

    /// The file the template comes from, if any (its SHA-256 is in the render's key).
    private func templatePath() throws -> String? {
        guard let message = pipeline.message else { return nil }
        if let name = message.templateName { return try NamedTemplate.load(name, for: pipeline).path }
        return message.templateFile.map(pipeline.resolve)
    }
}

/// What a step did: its summary line, the files it wrote, what it counted.
struct StepResult {
    var summary: String
    var outputs: [String]
    var counts: [String: Int]?
}

/// File name patterns (`*`, `?`, `[...]`) in the last part of a path.
enum Glob {
    static func matches(_ pattern: String) -> [String] {
        let folder = (pattern as NSString).deletingLastPathComponent
        let name = (pattern as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && fnmatch(name, $0, 0) == 0 }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
