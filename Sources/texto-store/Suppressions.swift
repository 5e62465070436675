import ArgumentParser
import Store

/// `texto-store suppressions ...`: the numbers Texto must not message.
struct Suppressions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, add, remove, import and export the suppressed numbers (STOP, NPAI, MANUAL).",
        discussion: """
            A suppressed number never receives a campaign: texto-target leaves it out and \
            says why. STOP: the person opted out; NPAI: the number is wrong or dead; MANUAL: \
            suppressed by hand. Numbers are normalized to E.164 (+33630050660) as texto-import does.

            Example:
              texto-store suppressions list --store /srv/texto/texto.sqlite
            """,
        subcommands: [List.self, Add.self, Remove.self, Import.self, Export.self])
}

extension SuppressionReason: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
