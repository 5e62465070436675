import ArgumentParser
import Foundation
import Phones
import StageCLI
import Store

/// `--store PATH`, on every subcommand.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The store file.", valueName: "path"))
    var store = "texto.sqlite"

    /// Opens the store; `create`: make it when missing.
    func open(create: Bool) throws -> TextoStore {
        try TextoStore(path: store, create: create)
    }
}

/// `--country`, for commands that read numbers.
struct CountryOption: ParsableArguments {
    @Option(help: ArgumentHelp("The region of numbers written without a country code.", valueName: "region"))
    var country = "FR"

    func parser() throws -> PhoneParser {
        do {
            return try PhoneParser(defaultRegion: country.uppercased())
        } catch let error as PhoneParser.UnknownRegion {
            throw ValidationError(error.description)
        }
    }
}

/// Runs a subcommand's steps; a failure is reported on standard error and
/// becomes the exit code of DESIGN.md §2.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        throw Diagnostics.report(error, stage: "texto-store").exitCode
    }
}

/// Prints one line for people on standard error.
func say(_ text: String) {
    Diagnostics.line("texto-store: " + text)
}

/// `--since`: `YYYY-MM-DD` (midnight, Europe/Paris) or `2026-11-22T09:30:00Z`.
func parseSince(_ text: String?) throws -> Date? {
    guard let text else { return nil }
    if let date = StoreTime.date(text) { return date }
    let parts = text.split(separator: "-").compactMap { Int($0) }
    if parts.count == 3, text.count == 10 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        if let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components {
            return date
        }
    }
    throw ValidationError("--since takes a date, 2026-11-22, or a UTC time, 2026-11-22T09:30:00Z; not \(text).")
}

/// "1 number", "3 numbers".
func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
    "\(value) \(value == 1 ? noun : plural ?? noun + "s")"
}
