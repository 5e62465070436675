import Foundation
import ArgumentParser
import Pipeline
import StageCLI
import TextoCore

@main
struct TextoRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-run",
        abstract: "Run the stages of a pipeline file in order: import, target, render, emit, and after the send, ingest and report.",
        discussion: """
            A pipeline file (pipelines/NAME.yaml, see docs/pipelines.md) is one campaign: its \\
            sections are the options of the stages, and `steps` which of them to run. Each run \\
            writes the stages' outputs in runs/<campaign>/<run date>/ with a manifest.json (the \\
            inputs' SHA-256, counts, times, how each step ended). Run again on the same day, a \\
            step whose settings and inputs did not change is not run again. One run at a time \\
            per store: a second one waits --wait seconds, then exits 75. A pipeline with \
            `approval: required` stops before its emit until --approve RUN_ID; its emit then \
            sends exactly the approved messages, or is refused if they changed.

            Examples:
              texto-run pipelines/demo.yaml
              texto-run pipelines/noel.yaml --dry-run
              texto-run pipelines/nightly.yaml --date 2026-12-21 --wait 600
              texto-run pipelines/noel.yaml --approve 2026-12-18
              texto-run pipelines/noel.yaml --copy noel-2027
              texto-run pipelines/noel.yaml --schedule list
              texto-run pipelines/noel.yaml --schedule cancel 2026-12-18
              texto-run pipelines/noel.yaml --schedule move 2026-12-18 \\
                --at "2026-12-21 10:00"

            \\(ExitStatus.helpText) 75 another run holds the store.
            """)

    @Argument(help: ArgumentHelp("The pipeline file.", valueName: "pipeline.yaml"))
    var pipeline: String

    @OptionGroup var runDate: RunDateOption

    @Flag(help: "Stop before the emit: show the audience, the SMS count, the cost and the preview; nothing is sent or recorded.")
    var dryRun = false

    @Option(help: ArgumentHelp("Approve the run of this date (its run id) of an approval-gated pipeline: its emit goes on, with the messages that were approved.",
                               valueName: "run-id"))
    var approve: String?

    @Option(help: ArgumentHelp("Seconds to wait for another run on the same store (PostgreSQL: of the same campaign) before giving up (exit 75).",
                               valueName: "seconds"))
    var wait = 0

    @Option(help: ArgumentHelp("The store, over the pipeline's store: a file, or a PostgreSQL URL (postgres://user@host:5432/db). Default: $TEXTO_STORE, else the pipeline's (texto.sqlite beside it).",
                               valueName: "path|url"))
    var store: String?

    /// `--store`, else `TEXTO_STORE`; nil: the pipeline's.
    private var givenStore: String? { store ?? StoreOption.fromEnvironment }

    @Option(help: ArgumentHelp("Copy the pipeline as a new campaign (\"dupliquer\"): NEW_ID.yaml beside it, its name \"Copie de ...\"; nothing is run.",
                               valueName: "new-id"))
    var copy: String?

    @Option(parsing: .upToNextOption,
            help: ArgumentHelp("list: the pipeline's runs, their state and when they send. cancel RUN_ID: stop a run's sends that have not left (a Gammu outbox's files not picked up; CSV files moved aside, to cancel at the gateway if uploaded). move RUN_ID --at TIME: send it at TIME while nothing of it has left. Nothing else is run.",
                               valueName: "list|cancel run-id|move run-id"))
    var schedule: [String] = []

    @Option(help: ArgumentHelp("With --schedule move RUN_ID: the new send time, Paris time (2026-12-20 10:00).", valueName: "time"))
    var at: String?

    @Flag(help: "List the template library the pipeline sees (templates/NAME.txt): each name and its description; nothing is run.")
    var templates = false


    @OptionGroup var summary: SummaryOption

    func validate() throws {
        try OptionChecks.within(wait, Bounds.waitSeconds, option: "--wait", counting: "seconds")
        let action = (schedule.first, schedule.count)
        if !schedule.isEmpty && schedule != ["list"] && !(action.0 == "cancel" && action.1 == 2) && !(action.0 == "move" && action.1 == 2) {
            throw ValidationError("--schedule takes list, cancel RUN_ID or move RUN_ID --at TIME (the run id is its date, as --schedule list shows it).")
        }
        if (action.0 == "move") != (at != nil) { throw ValidationError("--at goes with --schedule move RUN_ID, and it needs --at.") }
        if let approve, CivilDate.parse(approve) == nil {
            throw ValidationError("--approve takes the run id a run printed: its date, YYYY-MM-DD.")
        }
        if approve != nil && (runDate.date != nil || dryRun) { throw ValidationError("--approve names the run: leave out --date and --dry-run.") }
    }

    func run() throws {
        if templates {
            try StageRun.main("texto-run") { _ in
                let library = NamedTemplate.library(for: try PipelineFile.load(pipeline))
                let width = library.map(\.name.count).max() ?? 0
                print(library.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.description }.joined(separator: "\n"))
            }
            return
        }
        if schedule == ["list"] {
            try StageRun.main("texto-run") { _ in print(Self.table(try PipelineRun.schedule(pipeline, now: StageClock.unixTime(), store: givenStore))) }
            return
        }
        if schedule.first == "move", schedule.count == 2, let at {
            try StageRun.main("texto-run") { run in
                run.say(try PipelineRun.move(pipeline, run: schedule[1], to: at, now: StageClock.unixTime(), wait: wait, store: givenStore))
            }
            return
        }
        if schedule.first == "cancel", schedule.count == 2 {
            try StageRun.main("texto-run") { run in run.say(try PipelineRun.cancel(pipeline, run: schedule[1], wait: wait, store: givenStore)) }
            return
        }
        if let copy {
            try StageRun.main("texto-run") { run in run.say("copied to \(try PipelineFile.copy(pipeline, as: copy))") }
            return
        }
        try StageRun.main("texto-run", summary: summary) { run in
            var configuration = RunConfiguration(pipeline: pipeline, date: approve.flatMap(CivilDate.parse) ?? runDate.today())
            configuration.approve = approve != nil
            configuration.dryRun = dryRun
            configuration.wait = wait
            configuration.store = givenStore
            configuration.now = StageClock.unixTime()
            configuration.log = { run.say($0) }
            return try PipelineRun.run(configuration)
        }
    }
}

extension TextoRun {
    /// The schedule as a table, Paris times.
    static func table(_ runs: [ScheduledRun]) -> String {
        func time(_ unix: Int?) -> String {
            guard let unix else { return "-" }
            let clock = ParisTime.wallClock(atUnixTime: unix)
            let seconds = clock.secondOfDay
            return "\(clock.date) " + String(format: "%02d:%02d", seconds / 3_600, seconds / 60 % 60)
        }
        let rows = [["RUN", "CAMPAIGN", "STATE", "MESSAGES", "FIRST SEND (PARIS)", "LAST SEND"]]
            + runs.map { [$0.run, $0.campaign, $0.state, $0.messages.map(String.init) ?? "-", time($0.firstSend), time($0.lastSend)] }
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
