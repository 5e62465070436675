import ArgumentParser
import Foundation
import Pipeline
import StageCLI
import Synchronization
import TextoCore

/// Set by SIGTERM or SIGINT: the watcher ends its pass and exits.
private let stopRequested = Atomic<Bool>(false)

@main
struct TextoWatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-watch",
        abstract: "Run a pipeline for every spreadsheet dropped in a folder, and write a receipt in French beside it.",
        discussion: """
            A file dropped in DIR (XLSX or CSV) is taken once it is complete: unchanged for \\
            --settle seconds, or renamed into place. Dotfiles, Office's ~$ and .~lock files are \\
            left alone. The pipeline runs on it as a campaign of its own; the file then moves to \\
            DIR/done/ (or DIR/rejected/ when it cannot be used) with a receipt beside it: \\
            NAME.recu.html and NAME.recu.txt. A file dropped twice is not sent twice. For a \\
            pipeline with `approval: required`, a file named NAME.APPROUVER dropped in done/ \\
            releases the send. Killed at any moment and started again, the watcher finishes what \\
            it was doing: no file is lost or processed twice. One watcher per folder.

            Examples:
              texto-watch /srv/depot --pipeline pipelines/relance.yaml
              texto-watch /srv/depot --pipeline pipelines/relance.yaml --once
              texto-watch --config /srv/texto/watch.yaml

            \\(ExitStatus.helpText) 75 another watcher holds the folder.
            """)

    @Argument(help: ArgumentHelp("The folder to watch (with --pipeline).", valueName: "dir"))
    var folder: String?

    @Option(help: ArgumentHelp("The pipeline each dropped file runs.", valueName: "pipeline.yaml"))
    var pipeline: String?

    @Option(help: ArgumentHelp("A file of folders and their pipelines (instead of DIR --pipeline).", valueName: "watch.yaml"))
    var config: String?

    @Flag(help: "Process what is there and exit (for cron); a file still being copied waits for the next run.")
    var once = false

    @Option(help: ArgumentHelp("Seconds a file must stay unchanged to be taken as complete.", valueName: "seconds"))
    var settle: Double?

    @Option(help: ArgumentHelp("Seconds between two scans when no event comes (network shares send none).", valueName: "seconds"))
    var rescan: Double?

    @Option(help: ArgumentHelp("Seconds to wait for a pipeline run holding the store before leaving a file for the next pass.",
                               valueName: "seconds"))
    var wait = 60

    @Option(help: ArgumentHelp("The store, over the pipelines' store: a file, or a PostgreSQL URL (postgres://user@host:5432/db) that several watchers share. Default: $TEXTO_STORE, else each pipeline's.",
                               valueName: "path|url"))
    var store: String?

    @Flag(help: "Several watchers share the folder (on this host or others, over a network share): each file is still processed once; a file left by a watcher that stopped is taken over after --takeover seconds.")
    var shared = false

    @Option(help: ArgumentHelp("With --shared: seconds after which the file of a watcher that stopped answering is taken over.", valueName: "seconds"))
    var takeover = 300.0

    @Option(help: "The receipts' language.")
    var lang: Language = .fr

    func validate() throws {
        if (config == nil) == (folder == nil) { throw ValidationError("Give a folder and --pipeline, or --config FILE.") }
        if folder != nil && pipeline == nil { throw ValidationError("--pipeline names the pipeline the folder's files run.") }
        if config != nil && pipeline != nil { throw ValidationError("--config lists the pipelines: leave out --pipeline.") }
        try OptionChecks.within(settle, Bounds.settleSeconds, option: "--settle", counting: "seconds")
        try OptionChecks.within(rescan, Bounds.rescanSeconds, option: "--rescan", counting: "seconds")
        try OptionChecks.within(wait, Bounds.waitSeconds, option: "--wait", counting: "seconds")
        try OptionChecks.within(takeover, Bounds.takeoverSeconds, option: "--takeover", counting: "seconds")
    }

    func run() throws {
        try StageRun.main("texto-watch") { run in
            let file = try config.map(WatchFile.load)
            var configuration = WatchConfiguration(folders: file?.folders ?? [(folder!, pipeline!)])
            configuration.settle = settle ?? file?.settle ?? 2
            configuration.rescan = rescan ?? file?.rescan ?? 30
            configuration.wait = wait
            configuration.store = store ?? StoreOption.fromEnvironment
            configuration.shared = shared
            configuration.takeover = takeover
            configuration.language = lang
            configuration.now = { StageClock.unixTime() }
            configuration.log = { run.say($0) }
            let watcher = try Watcher(configuration)
            if once {
                run.say(try watcher.once().line)
                return
            }
            // A service manager's TERM ends the pass and the watcher; the mask
            // inherited from the parent may block them, so they are let through.
            var signals = sigset_t()
            sigemptyset(&signals)
            for signal in [SIGTERM, SIGINT] {
                Foundation.signal(signal) { _ in stopRequested.store(true, ordering: .relaxed) }
                sigaddset(&signals, signal)
            }
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            run.say("watching \(watcher.folders.joined(separator: ", "))")
            watcher.watch(until: { stopRequested.load(ordering: .relaxed) }) { result in
                switch result {
                case .success(let summary) where summary.processed > 0 || summary.approved > 0 || summary.deferred > 0:
                    run.say(summary.line)
                case .failure(let error):
                    run.say("error: \(error)")
                default:
                    break
                }
            }
            run.say("stopped")
        }
    }
}
