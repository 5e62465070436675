import ArgumentParser
import TextoCore

/// `--summary FILE.json`: every stage writes its summary for machines.
public struct SummaryOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also write the summary as JSON to this file.", valueName: "summary.json"))
    public var summary: String?

    public init() {}

    /// The option and its path, for `PathChecks`.
    public var outputs: [(option: String, path: String)] { summary.map { [("--summary", $0)] } ?? [] }
}

/// `--lang fr|en`: the language of what people read.
public struct LanguageOption: ParsableArguments {
    @Option(help: ArgumentHelp("The language of what people read (rejects' sentences, previews).", valueName: "fr|en"))
    public var lang: Language = .fr

    public init() {}
}

/// `--store PATH`: the store (DESIGN.md §4).
public struct StoreOption: ParsableArguments {
    @Option(help: ArgumentHelp("The store file.", valueName: "path"))
    public var store = "texto.sqlite"

    public init() {}
}

/// `--date YYYY-MM-DD`: the run date, `today` in filters and templates.
public struct RunDateOption: ParsableArguments {
    @Option(help: ArgumentHelp("The run date, for today and the derived fields. Default: today in Europe/Paris.", valueName: "YYYY-MM-DD"),
            transform: RunDateOption.parse)
    public var date: CivilDate?

    public init() {}

    /// The date given, or today in Paris by `clock` (Unix seconds).
    public func today(clock: () -> Int = StageClock.unixTime) -> CivilDate {
        date ?? ParisTime.date(atUnixTime: clock())
    }

    static func parse(_ text: String) throws -> CivilDate {
        guard let date = CivilDate.parse(text) else {
            throw ValidationError("\(text) is not a date: write YYYY-MM-DD, e.g. 2026-11-22.")
        }
        return date
    }
}

extension Language: ExpressibleByArgument {}

/// The wall clock, read once where a stage needs "now".
///
/// `TEXTO_NOW` (Unix seconds) stands in for it, so that a test or the
/// replay of a past run gets the same outputs and warnings whenever it runs.
public enum StageClock {
    public static func unixTime() -> Int {
        if let text = getenv("TEXTO_NOW").map({ String(cString: $0) }), let seconds = Int(text) { return seconds }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.tv_sec
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
