import ArgumentParser
import TextoCore

/// The exit codes every stage documents (DESIGN.md §2, after sysexits.h).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything went well.
    case ok = 0
    /// A runtime failure not caused by the input.
    case failure = 1
    /// The command line is wrong (an option, a sheet that does not exist).
    case usage = 64
    /// The input data is unusable (a damaged or hostile file, nothing valid).
    case dataError = 65
    /// An input file is missing.
    case noInput = 66
    /// An output cannot be written.
    case cannotCreate = 73
    /// Try again later (the store is locked).
    case temporaryFailure = 75

    /// The status for an error a library threw.
    package static func `for`(_ error: any Error) -> ExitStatus {
        guard let error = error as? any TextoError else { return .failure }
        return ExitStatus(rawValue: error.category.exitCode) ?? .failure
    }

    /// The status for ArgumentParser.
    public var exitCode: ExitCode { ExitCode(rawValue) }

    /// The line `--help` prints about exit codes.
    public static let helpText = """
        Exit codes: 0 ok; 1 runtime failure; 64 usage (a wrong option or value); \
        65 the input data is unusable; 66 an input is missing; 73 an output cannot be written.
        """
}
