import Foundation
import Tables

/// `manifest.json` of a run folder: the pipeline, the run, and for each
/// step its inputs with their SHA-256, its summary, its time and how it
/// ended. It is rewritten (atomically) after every step, so a run that was
/// killed leaves a manifest that says how far it went; the next run redoes
/// what was not done.
public struct RunManifest: Codable, Equatable, Sendable {
    public var pipeline: String
    public var pipelineSHA256: String
    public var campaign: String
    public var run: String
    /// `running`, `complete`, `failed`, `dry-run`.
    public var status: String
    public var steps: [StepRecord] = []
    /// The dropped file the run read (`texto-watch`), if any.
    public var drop: DroppedFile?

    public struct StepRecord: Codable, Equatable, Sendable {
        public var step: PipelineStep
        /// `done`, `unchanged` (the same key as a done step of an earlier run), `failed`.
        public var status: String
        /// SHA-256 of the step's settings and inputs: the same key, the same result.
        public var key: String
        public var inputs: [FileHash] = []
        public var outputs: [String] = []
        /// The stage's summary line.
        public var summary: String = ""
        /// What the step counted, where a later step or the store needs it
        /// (the target's `rows`, `audience` and `excluded.<reason>`).
        public var counts: [String: Int]?
        public var seconds = 0.0
        public var exitCode: Int32 = 0
        public var error: String?
    }

    public struct FileHash: Codable, Equatable, Sendable {
        public var path: String
        public var sha256: String
        /// The file's size and modification time when it was hashed: the
        /// same at the next run, the hash is taken as it was (as make and
        /// git do) instead of reading the file again.
        public var size: Int?
        public var modified: Double?
    }

    static func read(_ path: String) -> RunManifest? {
        JSONFile.read(RunManifest.self, from: path)
    }

    func write(_ path: String) throws {
        try JSONFile.write(self, to: path)
    }
}
