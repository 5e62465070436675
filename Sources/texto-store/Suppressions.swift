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

            A suppression has a scope: * (every campaign), marketing (every marketing \
            campaign: a STOP replied to one) or a category of notifications (rappels: a \
            STOP replied to one of them keeps the number from that category only).

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

extension SuppressionScope: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
    }
}

/// `--scope`, for what is added by hand.
struct ScopeOption: ParsableArguments {
    @Option(help: ArgumentHelp("The campaigns kept from: * (every one), marketing, or a category (rappels).", valueName: "scope"))
    var scope: SuppressionScope = .all
}
