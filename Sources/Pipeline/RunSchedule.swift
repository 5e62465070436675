import Foundation
import Store
import TextoCore

/// A pipeline's runs as a schedule lists them (`texto-run PIPELINE
/// --schedule list`): each run's state and, once emitted, when it sends.
public struct ScheduledRun: Sendable, Equatable, Codable {
    public var run: String
    /// The campaign in the ledger.
    public var campaign: String
    /// `prepared` (rendered, not emitted: a dry run, or stopped before the
    /// emit), `awaiting approval`, `scheduled` (emitted, its first send
    /// still to come), `sent` (its first send has passed), `failed`, `running`,
    /// `cancelled`, `cancel requested` (files that may be at the gateway), `partly sent`.
    public var state: String
    public var messages: Int?
    /// First and last send, Unix seconds.
    public var firstSend: Int?
    public var lastSend: Int?
}

extension PipelineRun {
    /// Every run of the pipeline, oldest first, with its state at `now`.
    public static func schedule(_ path: String, now: Int, store given: String? = nil) throws -> [ScheduledRun] {
        let pipeline = try PipelineFile.load(path)
        let folder = pipeline.campaignRuns
        let runs = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let storePath = pipeline.storeLocation(given: given)
        let store = !RunLock.isFile(storePath) || FileManager.default.fileExists(atPath: storePath)
            ? try TextoStore(path: storePath, create: false) : nil
        return try runs.compactMap { run -> ScheduledRun? in
            guard let manifest = RunManifest.read((folder as NSString).appendingPathComponent("\(run)/manifest.json")) else { return nil }
            let campaign = pipeline.ledgerCampaign(run: run)
            let emitted = manifest.steps.contains { $0.step == .emit && $0.status != "failed" }
            var scheduled = ScheduledRun(run: run, campaign: campaign, state: manifest.status)
            if emitted, let window = try store?.sendWindow(ofCampaign: campaign) {
                scheduled.messages = window.messages
                scheduled.firstSend = window.first
                scheduled.lastSend = window.last
                scheduled.state = manifest.status.hasPrefix("cancel") || manifest.status == "partly sent"
                    ? manifest.status : window.first > now ? "scheduled" : "sent"
            } else {
                switch manifest.status {
                case "awaiting-approval": scheduled.state = "awaiting approval"
                case "dry-run", "complete": scheduled.state = "prepared"
                default: break
                }
            }
            return scheduled
        }
    }
}
