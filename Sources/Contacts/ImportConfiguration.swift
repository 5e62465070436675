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
    /// Called now and then with the file being read and the rows read so
    /// far in it (the executable shows it when a person is watching).
    public var progress: (@Sendable (_ file: String, _ rows: Int) -> Void)?

    public init(
        inputs: [String], output: String, rejects: String, sheet: String? = nil,
        progress: (@Sendable (_ file: String, _ rows: Int) -> Void)? = nil
    ) {
        self.inputs = inputs
        self.output = output
        self.rejects = rejects
        self.sheet = sheet
        self.progress = progress
    }
}
