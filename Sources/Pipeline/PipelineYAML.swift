import Foundation
import Gateway
import TextoCore
import Yams

extension PipelineFile {
    /// Reads the pipeline file at `path`. An error names the line and the
    /// column, what was found and what was expected (the keys allowed).
    public static func load(_ path: String) throws -> PipelineFile {
        try YAMLSection.checkSize(path, what: "the pipeline file")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(.missingFile, at: DataLocation(file: path), "the pipeline file cannot be read",
                                hint: "Check the path: pipelines live in pipelines/NAME.yaml.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(.invalidFile, at: DataLocation(file: path), "the pipeline file is not UTF-8 text",
                                hint: "Save it as UTF-8 (any text editor can).")
        }
        return try parse(text, path: path)
    }

    /// Reads a pipeline from its text (`path` names it in errors and anchors relative paths).
    public static func parse(_ text: String, path: String) throws -> PipelineFile {
        let root = try YAMLSection.compose(text, file: path, what: "the pipeline file",
                                           hint: "Start from pipelines/demo.yaml: a campaign section, then the stages' sections.")
        let file = try YAMLSection(root, name: "the pipeline", file: path, allowed: [
            "campaign", "input", "targeting", "message", "schedule", "recurrence", "emit", "simulate", "ingest", "report", "store", "runs", "steps", "approval",
        ])
        let folder = ((path as NSString).deletingLastPathComponent as NSString).standardizingPath
        // A pipeline that only ingests and reports (the nightly one) has no
        // campaign of its own: its runs are named after the file.
        let campaign = try file.section("campaign", allowed: ["id", "name", "sender", "type", "category", "stop_mention"])
        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var pipeline = PipelineFile(
            path: path, folder: folder.isEmpty ? "." : folder,
            campaign: Campaign(id: try campaign?.requiredString("id") ?? fileName, name: try campaign?.string("name"),
                               sender: try campaign?.requiredString("sender") ?? "",
                               type: try campaign?.choice("type", among: ["marketing", "notification"]) ?? "marketing",
                               category: try campaign?.string("category"), stopMention: try campaign?.string("stop_mention")),
            store: try file.string("store") ?? "texto.sqlite", runs: try file.string("runs") ?? "runs", steps: [])
        if let input = try file.section("input", allowed: ["files", "sheet", "phone_columns", "country", "phones", "max_reject_rate"]) {
            pipeline.input = Input(files: try input.strings("files") ?? [], sheet: try input.string("sheet"),
                                   phoneColumns: try input.strings("phone_columns"), country: try input.string("country") ?? "FR",
                                   phones: try input.choice("phones", among: ["first", "all"]) ?? "first",
                                   maxRejectRate: try input.number("max_reject_rate", in: 0...1))
        }
        if let targeting = try file.section("targeting", allowed: ["where", "consent_column", "exclude_campaigns", "max_sends", "new_since_last_run"]) {
            var settings = Targeting(filter: try targeting.string("where"), consentColumn: try targeting.string("consent_column"),
                                     excludeCampaigns: try targeting.strings("exclude_campaigns") ?? [])
            settings.newSinceLastRun = try targeting.boolean("new_since_last_run") ?? false
            if let limit = try targeting.section("max_sends", allowed: ["count", "days"]) {
                settings.maxSends = (try limit.requiredInteger("count", atLeast: 1), try limit.requiredInteger("days", atLeast: 1))
            }
            pipeline.targeting = settings
        }
        if let message = try file.section("message", allowed: ["template", "template_file", "template_name", "unicode", "max_segments", "unit_price"]) {
            pipeline.message = Message(template: try message.string("template"), templateFile: try message.string("template_file"),
                                       templateName: try message.string("template_name"),
                                       unicode: try message.boolean("unicode") ?? false, maxSegments: try message.integer("max_segments", atLeast: 1),
                                       unitPrice: try message.unitPrice("unit_price"))
            let given = [pipeline.message?.template, pipeline.message?.templateFile, pipeline.message?.templateName].compactMap { $0 }
            if given.count != 1 {
                throw message.problem("the message needs one template: `template` (the text), `template_file` (a file) or `template_name` (templates/NAME.txt)",
                                      hint: "template: \"Bonjour $PRENOM$, ...\"")
            }
        }
        if let schedule = try file.section("schedule", allowed: ["at", "window", "rate"]) {
            // Read now as the emit will read them, so that a dry run finds what the emit would refuse.
            pipeline.schedule = Schedule(at: try schedule.checked("at", SendStart.init(parsing:)),
                                         window: try schedule.checked("window", WindowKind.init(parsing:)),
                                         rate: try schedule.checked("rate", SendRate.init(parsing:)))
        }
        if let recurrence = try file.section("recurrence", allowed: ["active", "start", "end", "pauses", "every", "days", "day", "date", "at"]) {
            pipeline.recurrence = try Recurrence(recurrence)
            if pipeline.schedule?.at != nil {
                throw file.problem(at: "schedule", "a recurring pipeline's send time is its recurrence's `at`, not the schedule's",
                                   hint: "Take `at` out of schedule (keep window and rate there).")
            }
        }
        if let emit = try file.section("emit", allowed: ["format", "chunk", "out", "test_to"]) {
            pipeline.emit = Emit(format: try emit.choice("format", among: ["csv", "jsonl", "gammu"]) ?? "csv",
                                 chunk: try emit.integer("chunk", atLeast: 1), out: try emit.string("out") ?? "batches",
                                 testTo: try emit.strings("test_to") ?? [])
        }
        if let simulate = try file.section("simulate", allowed: ["out", "seed"]) {
            pipeline.simulate = Simulate(out: try simulate.string("out") ?? "gateway", seed: UInt64(try simulate.integer("seed", atLeast: 0) ?? 1))
        }
        if let ingest = try file.section("ingest", allowed: ["from"]) {
            pipeline.ingest = Ingest(from: try ingest.requiredStrings("from"))
        }
        if let report = try file.section("report", allowed: ["out", "lang", "csv_dialect"]) {
            pipeline.report = Report(out: try report.string("out") ?? "rapports", language: try report.choice("lang", among: ["fr", "en"]) ?? "fr",
                                     csvDialect: try report.choice("csv_dialect", among: ["rfc4180", "excel-fr"]) ?? "rfc4180")
        }
        pipeline.approvalRequired = try file.choice("approval", among: ["required", "none"]) == "required"
        if let emit = try file.section("emit", allowed: ["format", "chunk", "out", "test_to"]), pipeline.emit?.testTo.isEmpty == false,
           !pipeline.approvalRequired {
            throw emit.problem(at: "test_to", "a test send is read before the approval: test_to needs `approval: required`",
                               hint: "Add approval: required to the pipeline, or take test_to out.")
        }
        if let steps = try file.strings("steps") {
            pipeline.steps = try steps.enumerated().map { index, name in
                guard let step = PipelineStep(rawValue: name) else {
                    throw file.problem(at: "steps", "`\(name)` is not a step",
                                       hint: "The steps: \(PipelineStep.allCases.map(\.rawValue).joined(separator: ", "))"
                                           + Suggestions.didYouMean(name, among: PipelineStep.allCases.map(\.rawValue)) + ".")
                }
                return step
            }
        } else {
            pipeline.steps = PipelineStep.allCases.filter { pipeline.hasSection(for: $0) }
        }
        if campaign == nil, let step = pipeline.steps.first(where: { ![.ingest, .report].contains($0) }) {
            throw file.problem("the step \(step.rawValue) makes a campaign: the pipeline needs a section `campaign`",
                               hint: "Add campaign: with its id and sender (only a pipeline that ingests and reports goes without).")
        }
        try pipeline.checkSteps(file)
        return pipeline
    }

    func hasSection(for step: PipelineStep) -> Bool {
        switch step {
        case .import: return input != nil
        case .target: return targeting != nil
        case .render: return message != nil
        case .emit: return emit != nil
        case .simulate: return simulate != nil
        case .ingest: return ingest != nil || simulate != nil
        case .report: return report != nil
        }
    }

    /// Every step has what it needs; the chain's steps come in order.
    private func checkSteps(_ file: YAMLSection) throws {
        if steps.isEmpty {
            throw file.problem("the pipeline has no step to run",
                               hint: "Add the sections of the stages to run (input, targeting, message, emit, ...) or list them under steps.")
        }
        for step in steps where !hasSection(for: step) {
            let section = ["import": "input", "target": "targeting", "render": "message", "ingest": "ingest or simulate"][step.rawValue]
                ?? step.rawValue
            throw file.problem(at: "steps", "the step \(step.rawValue) needs a section `\(section)`",
                               hint: "Add it, or take \(step.rawValue) out of steps.")
        }
        let order = PipelineStep.allCases
        for (first, second) in zip(steps, steps.dropFirst()) where order.firstIndex(of: first)! >= order.firstIndex(of: second)! {
            throw file.problem(at: "steps", "\(second.rawValue) cannot come after \(first.rawValue)",
                               hint: "The steps run in this order: \(order.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}

/// A mapping of a pipeline file, read key by key: each value checked for
/// its kind, and every key checked against the ones allowed.
struct YAMLSection {
    let mapping: Node.Mapping
    let name: String
    let file: String
    let mark: Mark?

    init(_ node: Node, name: String, file: String, allowed: [String]) throws {
        guard case .mapping(let mapping) = node else {
            throw Self.problem(file: file, mark: node.mark, "\(name) should be a mapping of keys to values",
                               hint: "Write it as key: value lines, indented under \(name).")
        }
        self.mapping = mapping
        self.name = name
        self.file = file
        self.mark = node.mark
        for (key, _) in mapping {
            guard let text = key.string, allowed.contains(text) else {
                let text = key.string ?? "?"
                throw Self.problem(file: file, mark: key.mark, "`\(text)` is not a key of \(name)",
                                   hint: "The keys of \(name): \(allowed.joined(separator: ", "))" + Suggestions.didYouMean(text, among: allowed) + ".")
            }
        }
    }

    /// A pipeline or watch file is a page of settings: one over 1 MiB is
    /// refused before it is read (a 100 MB scalar, a generated bomb).
    static let maximumSize = 1 << 20

    static func checkSize(_ path: String, what: String) throws {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumSize else {
            throw PipelineError(.invalidFile, at: DataLocation(file: path), "\(what) is \(size) bytes; a pipeline's settings fit in 1 MiB",
                                hint: "Check that this is the right file; lists of contacts go in input files, not in the pipeline.")
        }
    }

    /// The YAML document of `text`; an error that says where when it is
    /// not YAML, or `hint` when it is empty.
    static func compose(_ text: String, file: String, what: String, hint: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw notYAML(error, file: file)
        }
        guard let root else { throw PipelineError(.invalidFile, at: DataLocation(file: file), "\(what) is empty", hint: hint) }
        return root
    }

    static func notYAML(_ error: YamlError, file: String) -> PipelineError {
        var mark: Mark?
        var problem = "\(error)"
        switch error {
        case .scanner(_, let text, let at, _), .parser(_, let text, let at, _), .composer(_, let text, let at, _):
            mark = at
            problem = text
        default: break
        }
        return Self.problem(file: file, mark: mark, "the file is not valid YAML: \(problem)",
                            hint: "Check the indentation (spaces, not tabs) and the quotes around text with `:` or `#`.")
    }

    static func problem(file: String, mark: Mark?, _ detail: String, hint: String) -> PipelineError {
        PipelineError(.invalidFile, at: DataLocation(file: file, column: mark.map { String($0.column) }, line: mark?.line), detail, hint: hint)
    }

    func problem(_ detail: String, hint: String) -> PipelineError {
        Self.problem(file: file, mark: mark, detail, hint: hint)
    }

    func problem(at key: String, _ detail: String, hint: String) -> PipelineError {
        Self.problem(file: file, mark: value(key)?.mark ?? mark, detail, hint: hint)
    }

    private func value(_ key: String) -> Node? {
        mapping.first { $0.key.string == key }?.value
    }

    private func scalar(_ key: String, expected: String) throws -> String? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node {
            return scalar.tag.description == Tag.Name.null.rawValue && scalar.string.isEmpty ? nil : scalar.string
        }
        throw Self.problem(file: file, mark: node.mark, "\(key) in \(name) should be \(expected)", hint: "Write it on the key's line: \(key): ...")
    }

    func string(_ key: String) throws -> String? {
        try scalar(key, expected: "a text")
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw problem("\(name) needs `\(key)`", hint: "Add a line `\(key): ...` to \(name).")
        }
        return text
    }

    func choice(_ key: String, among choices: [String]) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard choices.contains(text) else {
            throw problem(at: key, "`\(text)` is not a value of \(key)",
                          hint: "\(key) is one of: \(choices.joined(separator: ", "))" + Suggestions.didYouMean(text, among: choices) + ".")
        }
        return text
    }

    /// The text of `key`, which `parse` must accept (its error, at the key's line).
    func checked<Value>(_ key: String, _ parse: (String) throws(ScheduleError) -> Value) throws -> String? {
        guard let text = try string(key) else { return nil }
        do {
            _ = try parse(text)
        } catch {
            throw problem(at: key, error.detail, hint: error.hint)
        }
        return text
    }

    func integer(_ key: String, atLeast minimum: Int) throws -> Int? {
        guard let text = try scalar(key, expected: "a whole number") else { return nil }
        guard let number = Int(text), number >= minimum else {
            throw problem(at: key, "`\(text)` is not a value of \(key)", hint: "\(key) takes a whole number, \(minimum) or more.")
        }
        return number
    }

    func requiredInteger(_ key: String, atLeast minimum: Int) throws -> Int {
        guard let number = try integer(key, atLeast: minimum) else {
            throw problem("\(name) needs `\(key)`", hint: "Add a line `\(key): ...` to \(name).")
        }
        return number
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = try scalar(key, expected: "a number") else { return nil }
        guard let number = Double(text.replacingOccurrences(of: ",", with: ".")), range.contains(number) else {
            throw problem(at: key, "`\(text)` is not a value of \(key)",
                          hint: "\(key) takes a number \(Bounds.span(range)).")
        }
        return number
    }

    func unitPrice(_ key: String) throws -> UnitPrice? {
        guard let text = try scalar(key, expected: "a number") else { return nil }
        guard let price = UnitPrice(parsing: text) else {
            throw problem(at: key, "`\(text)` is not a value of \(key)", hint: "\(key) takes \(UnitPrice.expected).")
        }
        return price
    }

    func boolean(_ key: String) throws -> Bool? {
        guard let text = try scalar(key, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw problem(at: key, "`\(text)` is not a value of \(key)", hint: "\(key) is true or false.")
        }
    }

    /// A list of texts, or one text for a list of one.
    func strings(_ key: String) throws -> [String]? {
        guard let node = value(key) else { return nil }
        switch node {
        case .scalar(let scalar):
            return [scalar.string]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else {
                    throw Self.problem(file: file, mark: item.mark, "each item of \(key) should be a text", hint: "Write the list as - item lines.")
                }
                return scalar.string
            }
        default:
            throw Self.problem(file: file, mark: node.mark, "\(key) in \(name) should be a list", hint: "Write it as [a, b] or as - item lines.")
        }
    }

    func requiredStrings(_ key: String) throws -> [String] {
        guard let list = try strings(key), !list.isEmpty else {
            throw problem("\(name) needs `\(key)`", hint: "Add a line `\(key): [...]` to \(name).")
        }
        return list
    }

    func date(_ key: String) throws -> CivilDate? {
        guard let text = try string(key) else { return nil }
        guard let date = CivilDate.parse(text) else {
            throw problem(at: key, "`\(text)` is not a date", hint: "Write \(key) as YYYY-MM-DD: 2026-12-24.")
        }
        return date
    }

    func requiredDate(_ key: String) throws -> CivilDate {
        guard let date = try date(key) else {
            throw problem("\(name) needs `\(key)`", hint: "Add a line `\(key): YYYY-MM-DD` to \(name).")
        }
        return date
    }

    /// A list of mappings (`pauses: [{from: ..., to: ...}]`).
    func sections(_ key: String, allowed: [String]) throws -> [YAMLSection] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw Self.problem(file: file, mark: node.mark, "\(key) in \(name) should be a list", hint: "Write it as - item lines.")
        }
        return try sequence.map { try YAMLSection($0, name: "an item of \(key)", file: file, allowed: allowed) }
    }

    func section(_ key: String, allowed: [String]) throws -> YAMLSection? {
        guard let node = value(key) else { return nil }
        if case .scalar(let scalar) = node, scalar.string.isEmpty { return nil }
        return try YAMLSection(node, name: key, file: file, allowed: allowed)
    }

    func required(_ key: String, allowed: [String]) throws -> YAMLSection {
        guard let section = try section(key, allowed: allowed) else {
            throw problem("\(name) needs a section `\(key)`", hint: "Add `\(key):` with its keys: \(allowed.joined(separator: ", ")).")
        }
        return section
    }
}

extension Recurrence {
    /// The `recurrence:` section.
    init(_ section: YAMLSection) throws {
        let every = try section.choice("every", among: ["day", "week", "month", "year"])
        let frequency: Frequency
        switch every {
        case "day":
            frequency = .daily
        case "week":
            let names = try section.strings("days") ?? []
            let days = try names.map { name in
                guard let day = Recurrence.weekday(name) else {
                    throw section.problem(at: "days", "`\(name)` is not a day of the week", hint: "Write days as [lundi, jeudi] or [monday, thursday].")
                }
                return day
            }
            if days.isEmpty { throw section.problem("a weekly recurrence needs its `days`", hint: "days: [lundi, jeudi]") }
            frequency = .weekly(Set(days))
        case "month":
            guard let day = try section.integer("day", atLeast: 1), day <= 31 else {
                throw section.problem("a monthly recurrence needs its `day`, 1 to 31", hint: "day: 15 (31 runs on each month's last day)")
            }
            frequency = .monthly(day)
        case "year":
            let text = try section.string("date") ?? ""
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, (1...12).contains(parts[0]), (1...CivilDate.daysIn(month: parts[0], year: 2028)).contains(parts[1]) else {
                throw section.problem("a yearly recurrence needs its `date`, MM-DD", hint: "date: 12-24 (02-29 runs on the 28th in other years)")
            }
            frequency = .yearly(month: parts[0], day: parts[1])
        default:
            throw section.problem("the recurrence needs `every`: day, week, month or year", hint: "every: week, with days: [lundi]")
        }
        let time = try section.string("at") ?? ""
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard clock.count == 2, time.count == 5, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else {
            throw section.problem(at: "at", "the recurrence needs its time of day, HH:MM (Paris time)", hint: "at: \"09:30\" (in quotes)")
        }
        self.init(active: try section.boolean("active") ?? true, start: try section.requiredDate("start"), end: try section.date("end"),
                  frequency: frequency, time: time)
        pauses = try section.sections("pauses", allowed: ["from", "to"]).map { pause in
            let (from, to) = (try pause.requiredDate("from"), try pause.requiredDate("to"))
            guard from <= to else { throw pause.problem("a pause ends before it starts", hint: "from: comes before to:") }
            return from...to
        }
        if let end, end < start { throw section.problem(at: "end", "the recurrence ends before it starts", hint: "end: comes after start:") }
    }
}
