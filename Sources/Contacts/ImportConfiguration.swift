/// What `texto-import` was asked to do, resolved from its command line.
public struct ImportConfiguration: Sendable {
    /// Input files in order; `-` is standard input.
    public var inputs: [String]
    /// The contacts CSV (`-` for standard output).
    public var output: String
    /// The rejects CSV.
    public var rejects: String
    /// The sheet to read in workbooks: a name or a 1-based position.
    public var sheet: String?

    public init(inputs: [String], output: String, rejects: String, sheet: String? = nil) {
        self.inputs = inputs
        self.output = output
        self.rejects = rejects
        self.sheet = sheet
    }
}
