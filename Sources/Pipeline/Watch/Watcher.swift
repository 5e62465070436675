import Foundation
import Reports
import TextoCore

/// What `texto-watch` is asked to do.
public struct WatchConfiguration: Sendable {
    /// Each watched folder with the pipeline its drops run.
    public var folders: [(folder: String, pipeline: String)]
    /// Seconds a file must stay unchanged to be taken as complete.
    public var settle = 2.0
    /// Seconds between two scans when no event comes (network shares send none).
    public var rescan = 30.0
    /// Seconds to wait for a pipeline run holding the store.
    public var wait = 60
    /// The store named by `--store` or `TEXTO_STORE`, over the pipelines' `store:`.
    public var store: String?
    /// Several watchers share the folders (`--shared`): no folder lock; a
    /// claim is leased to the watcher working on it (`ClaimLease`).
    public var shared = false
    /// Seconds after which a shared claim's lease left untouched is taken over (`--takeover`).
    public var takeover = 300.0
    /// The receipts' language.
    public var language = Language.fr
    /// Now, in Unix seconds (`TEXTO_NOW` in tests and demos): the drops' times.
    public var now: @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }
    /// Seconds on a clock that only goes forward: how long a file stayed unchanged.
    public var clock: @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }
    /// Called with a line per drop (the executable prints it).
    public var log: (@Sendable (String) -> Void)?
    /// Tests: stop the pass right after this step of a drop, as a kill would.
    var stopAfter: WatchStep?

    public init(folders: [(folder: String, pipeline: String)]) {
        self.folders = folders
    }
}

/// The steps of a drop a watcher can be killed after (the crash tests stop it there).
enum WatchStep: String, CaseIterable, Sendable {
    case claimed, hashed, seen, ran, decided, receipts, moved, recorded
}

/// Thrown at `WatchConfiguration.stopAfter`.
struct WatchInterrupted: Error {}

extension WatchConfiguration {
    func reached(_ step: WatchStep) throws {
        if stopAfter == step { throw WatchInterrupted() }
    }
}

/// What a pass over the folders did.
public struct WatchSummary: Sendable, Equatable {
    /// Drops finished, by outcome (`scheduled`, `rejected`...).
    public var outcomes: [String: Int] = [:]
    /// Approvals that released a send.
    public var approved = 0
    /// Files seen but not complete yet (still being copied).
    public var waiting = 0
    /// Drops left for a later pass (the store was busy, or the file changed while it was read).
    public var deferred = 0
    /// Symbolic links in the folders, left alone.
    public var links = 0

    public var processed: Int { outcomes.values.reduce(0, +) }

    public var line: String {
        var parts = ["\(processed) file\(processed == 1 ? "" : "s") processed"]
        if !outcomes.isEmpty { parts[0] += " (" + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" }
        if approved > 0 { parts.append("\(approved) approved") }
        if waiting > 0 { parts.append("\(waiting) still being copied") }
        if deferred > 0 { parts.append("\(deferred) left for the next pass") }
        return parts.joined(separator: "; ")
    }
}

/// `texto-watch`: runs a pipeline for every spreadsheet dropped in a
/// folder, once it is complete; moves it to `done/` or `rejected/` and
/// writes a receipt beside it. Every file is processed exactly once, even
/// when the watcher is killed and started again (see `DropClaim`).
public final class Watcher {
    private let configuration: WatchConfiguration
    private let watched: [WatchedFolder]
    private var settling: [String: Settling] = [:]
    /// Links already reported, so that the log says it once.
    private var reportedLinks: Set<String> = []

    /// Checks the folders and pipelines and takes each folder's lock
    /// (one watcher per folder: a second one exits 75).
    public init(_ configuration: WatchConfiguration) throws {
        self.configuration = configuration
        watched = try configuration.folders.map {
            try WatchedFolder(folder: $0.folder, pipeline: $0.pipeline, wait: configuration.wait, shared: configuration.shared,
                              takeover: configuration.takeover)
        }
    }

    /// The folders watched, for the events.
    public var folders: [String] { watched.map(\.drops.root) }
    var settleSeconds: Double { configuration.settle }
    var rescanSeconds: Double { configuration.rescan }

    /// One pass: finishes what a killed watcher left, takes the files
    /// that are complete, runs their pipeline, and applies approvals.
    /// A drop that fails (its folder cannot be written) does not hold up
    /// the others: the pass goes on, then throws the first failure.
    public func pass(renamedIn: [String: [String]] = [:]) throws -> WatchSummary {
        var summary = WatchSummary()
        var failure: (any Error)?
        for folder in watched {
            var settle = settling[folder.drops.root] ?? Settling()
            for name in renamedIn[folder.drops.root] ?? [] { settle.renamedIn(name) }
            let now = configuration.now()
            let (files, links) = folder.drops.scan()
            for link in links where !reportedLinks.contains(folder.drops.path(link)) {
                reportedLinks.insert(folder.drops.path(link))
                configuration.log?("\(DropFolder.shown(link)): a symbolic link, left alone (never followed, read or moved)")
            }
            summary.links += links.count
            let ready = settle.complete(files, at: configuration.clock(), settle: configuration.settle)
            settling[folder.drops.root] = settle
            summary.waiting += settle.waiting - ready.count
            let takeover = configuration.shared ? configuration.takeover : nil
            for id in folder.drops.unfinishedClaimIDs() {
                // Shared: another watcher's claim is left to it while its lease is alive.
                guard let held = try folder.drops.holdUnfinished(id, now: now, takeover: takeover) else { continue }
                defer { held.release(folder.drops) }
                if held.takenOver { configuration.log?("\(DropFolder.shown(held.claim.name)): taken over from a watcher that stopped") }
                try attempt(held.claim, in: folder, summary: &summary, failure: &failure)
            }
            for entry in ready {
                guard let held = try folder.drops.holdNew(entry, now: configuration.now(), takeover: takeover) else { continue }
                defer { held.release(folder.drops) }
                try configuration.reached(.claimed)
                try attempt(held.claim, in: folder, summary: &summary, failure: &failure)
            }
            summary.approved += try folder.approvals(configuration)
        }
        if let failure { throw failure }
        return summary
    }

    /// Works on a claim; a failure is logged and kept for the end of the pass
    /// (the claim stays, tried again at the next one). A crash test's stop is not one.
    private func attempt(_ claim: DropClaim, in folder: WatchedFolder, summary: inout WatchSummary, failure: inout (any Error)?) throws {
        do {
            try work(on: claim, in: folder, summary: &summary)
        } catch let stop as WatchInterrupted {
            throw stop
        } catch {
            configuration.log?("\(DropFolder.shown(claim.name)): not finished, tried again at the next pass: \(error)")
            failure = failure ?? error
        }
    }

    private func work(on claim: DropClaim, in folder: WatchedFolder, summary: inout WatchSummary) throws {
        do {
            let done = try folder.process(claim, configuration)
            summary.outcomes[done.outcome ?? "?", default: 0] += 1
            configuration.log?("\(DropFolder.shown(claim.name)): \(done.outcome ?? "?") → \(done.folder ?? "?")/\(DropFolder.shown(done.storedName ?? "?"))")
        } catch let error as PipelineError where error.code == .locked {
            summary.deferred += 1
            configuration.log?("\(DropFolder.shown(claim.name)): left for the next pass: \(error.detail)")
        } catch is ChangedWhileRead {
            summary.deferred += 1
            configuration.log?("\(DropFolder.shown(claim.name)): changed while it was read; read again at the next pass")
        }
    }
}
