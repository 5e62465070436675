import Foundation
import Store
import TextoCore

/// A pipeline file (`pipelines/NAME.yaml`): one campaign and the stages
/// that make it, each section the options of one stage. Relative paths
/// are relative to the pipeline file's folder, so that cron can run it
/// from anywhere.
///
/// ```yaml
/// campaign: {id: noel-2026, name: Noël 2026, sender: KERKAFE, stop_mention: STOP au 36035}
/// input: {files: [../Fixtures/csv/clients.csv], country: FR}
/// targeting: {where: "AUTORISE_SMS = 'Oui'"}
/// message: {template: "Bonjour $PRENOM$ ...", unit_price: 0.045}
/// schedule: {at: "2026-12-20 10:00", rate: 10/s}
/// emit: {format: csv, out: batches}
/// ```
public struct PipelineFile: Sendable, Equatable {
    /// The file as the user named it, and the folder relative paths start from.
    public var path: String
    public var folder: String

    public var campaign: Campaign
    public var input: Input?
    public var targeting: Targeting?
    public var message: Message?
    public var schedule: Schedule?
    /// When an automated campaign runs; nil: whenever it is run.
    public var recurrence: Recurrence?
    public var emit: Emit?
    public var simulate: Simulate?
    public var ingest: Ingest?
    public var report: Report?
    /// The store (default `texto.sqlite` beside the pipeline file).
    public var store: String
    /// Where the run folders go: `<runs>/<campaign>/<run-id>/` (default `runs`).
    public var runs: String
    /// The steps to run, in this order; default: every step whose section is there.
    public var steps: [PipelineStep]
    /// `approval: required`: the emit waits for `texto-run PIPELINE --approve RUN_ID`
    /// (the "bon à tirer"), and sends exactly the messages that were approved.
    public var approvalRequired = false

    public struct Campaign: Sendable, Equatable {
        public var id: String
        public var name: String?
        public var sender: String
        public var type: String = "marketing"
        public var category: String?
        public var stopMention: String?
    }

    public struct Input: Sendable, Equatable {
        /// Paths or globs (`exports/clients_*.xlsx`), in this order.
        public var files: [String]
        public var sheet: String?
        public var phoneColumns: [String]?
        public var country: String = "FR"
        public var phones: String = "first"
        public var maxRejectRate: Double?
    }

    public struct Targeting: Sendable, Equatable {
        public var filter: String?
        public var consentColumn: String?
        public var excludeCampaigns: [String] = []
        /// At most `count` messages in `days` days.
        public var maxSends: (count: Int, days: Int)?
        /// Keep only the numbers no earlier run of this pipeline saw (a welcome message).
        public var newSinceLastRun = false

        public static func == (lhs: Targeting, rhs: Targeting) -> Bool {
            lhs.filter == rhs.filter && lhs.consentColumn == rhs.consentColumn && lhs.excludeCampaigns == rhs.excludeCampaigns
                && lhs.newSinceLastRun == rhs.newSinceLastRun
                && lhs.maxSends?.count == rhs.maxSends?.count && lhs.maxSends?.days == rhs.maxSends?.days
        }
    }

    public struct Message: Sendable, Equatable {
        /// The template's text, or the file it is in.
        public var template: String?
        public var templateFile: String?
        /// A template of the library: `templates/NAME.txt`.
        public var templateName: String?
        public var unicode = false
        public var maxSegments: Int?
        public var unitPrice: UnitPrice?
    }

    public struct Schedule: Sendable, Equatable {
        public var at: String?
        public var window: String?
        public var rate: String?
    }

    public struct Emit: Sendable, Equatable {
        public var format: String = "csv"
        public var chunk: Int?
        public var out: String = "batches"
        /// Numbers a test batch goes to before the approval (the "bon à tirer").
        public var testTo: [String] = []
    }

    /// The simulated gateway (the demo): it answers the emitted batches.
    public struct Simulate: Sendable, Equatable {
        public var out: String = "gateway"
        public var seed: UInt64 = 1
    }

    public struct Ingest: Sendable, Equatable {
        /// The folders or files of delivery reports and replies.
        public var from: [String]
    }

    public struct Report: Sendable, Equatable {
        public var out: String = "rapports"
        public var language: String = "fr"
        public var csvDialect: String = "rfc4180"
    }

    /// The folder of the campaign's runs, `<runs>/<campaign>`, and of the run of date `run` in it.
    var campaignRuns: String { (resolve(runs) as NSString).appendingPathComponent(campaign.id) }

    func runFolder(_ run: String) -> String {
        (campaignRuns as NSString).appendingPathComponent(run)
    }

    /// The store the runs use: `given` (`--store`, `TEXTO_STORE`: the host's
    /// choice, as deployed) over the pipeline's `store:`; a file is taken
    /// beside the pipeline, a PostgreSQL URL as it is.
    public func storeLocation(given: String? = nil) -> String {
        let store = given ?? self.store
        return StoreLocation.isURL(store) ? store : resolve(store)
    }

    /// The campaign in the ledger of the run `run`: a recurring
    /// pipeline's occurrence is a campaign of its own (`fidelite-2027-01-04`),
    /// and so is each file dropped in a watched folder (`relance-3f2a9c1b`).
    func ledgerCampaign(run: String) -> String {
        if let tag = RunID.parse(run)?.tag { return "\(campaign.id)-\(tag)" }
        return recurrence == nil ? campaign.id : "\(campaign.id)-\(run)"
    }

    /// The folders the steps write into besides the run folder (batches, the simulated gateway, the report).
    var outputFolders: [String] {
        [emit.map { resolve($0.out) }, simulate.map { resolve($0.out) }, report.map { resolve($0.out) }].compactMap { $0 }
    }

    /// `path` against the pipeline's folder (unless it is absolute), with
    /// `.` and `..` taken out where they can be: `pipelines/../out/demo`
    /// is `out/demo`.
    public func resolve(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", joined.hasPrefix("/") {
                continue
            } else {
                parts.append(part)
            }
        }
        let text = parts.joined(separator: "/")
        return joined.hasPrefix("/") ? "/" + text : (text.isEmpty ? "." : text)
    }
}

/// A stage as a pipeline runs it.
public enum PipelineStep: String, Sendable, CaseIterable, Codable {
    case `import`, target, render, emit, simulate, ingest, report
}
