import Foundation
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

/// `--store PATH|URL`: the store (DESIGN.md §4), an SQLite file or a
/// PostgreSQL URL; without it `TEXTO_STORE`, else `texto.sqlite`.
public struct StoreOption: ParsableArguments {
    @Option(name: .customLong("store"),
            help: ArgumentHelp("The store: a file, or a PostgreSQL URL (postgres://user@host:5432/db). Default: $TEXTO_STORE, else texto.sqlite.",
                               valueName: "path|url"))
    var given: String?

    /// The store to use: `--store`, else `TEXTO_STORE`, else `texto.sqlite`.
    public var store: String {
        given ?? Self.fromEnvironment ?? "texto.sqlite"
    }

    /// `TEXTO_STORE`, when set and not empty.
    public static var fromEnvironment: String? {
        ProcessInfo.processInfo.environment["TEXTO_STORE"].flatMap { $0.isEmpty ? nil : $0 }
    }

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

/// `--unit-price EUR`: the price of one SMS unit, for the estimated cost.
public struct UnitPriceOption: ParsableArguments {
    @Option(help: ArgumentHelp("Price of one SMS unit in euros, for the estimated cost.", valueName: "eur"),
            transform: UnitPriceOption.parse)
    public var unitPrice: UnitPrice?

    public init() {}

    static func parse(_ text: String) throws -> UnitPrice {
        guard let price = UnitPrice(parsing: text) else {
            throw ValidationError("--unit-price takes \(UnitPrice.expected); not \(text).")
        }
        return price
    }
}

/// `--country REGION`: the region of numbers written without a country
/// code. The libraries check it against the numbering plan.
public struct CountryOption: ParsableArguments {
    @Option(help: ArgumentHelp("The region of numbers written without a country code.", valueName: "region"))
    public var country = "FR"

    public init() {}
}

extension Language: ExpressibleByArgument {}
extension CampaignType: ExpressibleByArgument {}

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
