/// What a stage's library entry point returns: the figures a person reads
/// in one line, and a machine in `--summary FILE.json`.
public protocol StageSummary: Encodable, Sendable {
    /// The one line the stage prints at the end.
    var line: String { get }
    /// Set when the outputs were written but the input data turned out
    /// unusable (nothing valid, too many rejects): what went wrong and
    /// which file explains it. The stage then exits 65 (DESIGN.md §2).
    var dataProblem: String? { get }
}
