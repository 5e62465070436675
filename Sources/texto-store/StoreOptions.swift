import ArgumentParser
import Foundation
import Phones
import StageCLI
import Store

/// `--store PATH`, on every subcommand.
typealias StoreOptions = StoreOption

extension StoreOption {
    /// Opens the store; `create`: make it when missing.
    func open(create: Bool) throws -> TextoStore {
        let now = Date(timeIntervalSince1970: TimeInterval(StageClock.unixTime()))
        return try TextoStore(path: store, create: create, clock: { now })
    }

    /// Runs a subcommand's steps on the store, which must exist (a reading
    /// command never creates one), reporting a failure as `reporting` does.
    func reportingOnExistingStore(_ body: (TextoStore) throws -> Void) throws {
        try reporting { try body(try open(create: false)) }
    }
}

extension CountryOption {
    /// The parser for `--country`; an unknown region is a usage error.
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
    try StageRun.main("texto-store") { _ in try body() }
}

/// Prints one line for people on standard error.
func say(_ text: String) {
    StageRun(name: "texto-store").say(text)
}

/// `--since`: `YYYY-MM-DD` (midnight, Europe/Paris) or `2026-11-22T09:30:00Z`.
func parseSince(_ text: String?) throws -> Date? {
    guard let text else { return nil }
    guard let date = StoreTime.since(text) else {
        throw ValidationError("--since takes a date, 2026-11-22, or a UTC time, 2026-11-22T09:30:00Z; not \(text).")
    }
    return date
}

/// "1 number", "3 numbers".
func count(_ value: Int, _ noun: String, plural: String? = nil) -> String {
    "\(value) \(value == 1 ? noun : plural ?? noun + "s")"
}
