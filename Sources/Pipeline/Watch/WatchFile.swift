import Foundation
import TextoCore

/// `texto-watch --config watch.yaml`: several folders, each with the
/// pipeline its drops run (paths relative to the file's folder).
///
/// ```yaml
/// settle: 5          # seconds a file must stay unchanged (default 2)
/// rescan: 60         # seconds between scans without events (default 30)
/// folders:
///   - {folder: depot/relances, pipeline: pipelines/relance.yaml}
///   - {folder: depot/anniversaires, pipeline: pipelines/anniversaire.yaml}
/// ```
public enum WatchFile {
    public static func load(_ path: String) throws -> (folders: [(folder: String, pipeline: String)], settle: Double?, rescan: Double?) {
        try YAMLSection.checkSize(path, what: "the watch file")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw PipelineError(.missingFile, at: DataLocation(file: path), "the watch file cannot be read",
                                hint: "Check the path, and that it is UTF-8 text.")
        }
        let root = try YAMLSection.compose(text, file: path, what: "the watch file",
                                           hint: "List the folders: folders: [{folder: depot, pipeline: pipelines/relance.yaml}].")
        let file = try YAMLSection(root, name: "the watch file", file: path, allowed: ["folders", "settle", "rescan"])
        let base = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || base.isEmpty ? relative : ((base as NSString).appendingPathComponent(relative) as NSString).standardizingPath
        }
        let folders = try file.sections("folders", allowed: ["folder", "pipeline"]).map {
            (folder: resolve(try $0.requiredString("folder")), pipeline: resolve(try $0.requiredString("pipeline")))
        }
        guard !folders.isEmpty else {
            throw file.problem("the watch file lists no folder", hint: "Add folders: [{folder: depot, pipeline: pipelines/relance.yaml}].")
        }
        return (folders, try file.number("settle", in: Bounds.settleSeconds), try file.number("rescan", in: Bounds.rescanSeconds))
    }
}

extension Watcher {
    /// `--once` (cron): a pass, then another after `settle` seconds for
    /// the files the first one saw being written; what is still being
    /// copied waits for the next run.
    public func once() throws -> WatchSummary {
        var summary = try pass()
        guard summary.waiting > 0 else { return summary }
        Thread.sleep(forTimeInterval: settleSeconds)
        let second = try pass()
        summary.outcomes.merge(second.outcomes, uniquingKeysWith: +)
        summary.approved += second.approved
        summary.deferred = second.deferred
        summary.waiting = second.waiting
        return summary
    }

    /// Watches until `stop()` is true (checked every second): a pass at
    /// every event, after `settle` seconds while a file is being written,
    /// and every `rescan` seconds anyway. A pass that fails (a folder
    /// that cannot be written) is reported and tried again.
    public func watch(until stop: () -> Bool, report: (Result<WatchSummary, any Error>) -> Void) {
        let events = FolderEvents(folders)
        var renamed: [String: [String]] = [:]
        while !stop() {
            let result = Result { try pass(renamedIn: renamed) }
            report(result)
            renamed = [:]
            let waiting = (try? result.get().waiting) ?? 0
            let deadline = Date().addingTimeInterval(waiting > 0 ? settleSeconds : rescanSeconds)
            while !stop(), Date() < deadline {
                let slice = min(1, deadline.timeIntervalSinceNow)
                if let events {
                    if let moved = events.wait(seconds: slice) {
                        renamed = moved
                        break
                    }
                } else {
                    Thread.sleep(forTimeInterval: max(0, slice))
                }
            }
        }
    }
}
