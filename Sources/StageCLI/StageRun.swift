import Foundation
import ArgumentParser
import TextoCore

/// Runs one stage the way every stage runs (DESIGN.md §2): progress on a
/// terminal only, the summary line and `--summary` at the end, a failure
/// reported as `stage: error: ...` with the exit code of its category, and
/// exit 65 when the outputs were written but the data was unusable.
public struct StageRun: Sendable {
    /// The executable's name, which starts every line it prints.
    public let name: String

    public init(name: String) {
        self.name = name
    }

    /// A progress callback that shows `N unit` on a terminal, or nil when
    /// standard error is not one (a cron job's log stays clean).
    public func progress(_ unit: String) -> (@Sendable (Int) -> Void)? {
        let name = name
        return Diagnostics.progressReporter { "\(name): \($0) \(unit)" }
    }

    /// The same for stages that read several files: `file: N unit`.
    public func progressPerFile(_ unit: String) -> (@Sendable (String, Int) -> Void)? {
        guard Diagnostics.isInteractive else { return nil }
        let name = name
        return { file, count in Diagnostics.progress("\(name): \(file): \(count) \(unit)") }
    }

    /// Prints one line for people on standard error.
    public func say(_ text: String) {
        Diagnostics.line("\(name): \(text)")
    }

    /// Runs a stage's library call and reports its summary.
    public static func main<Summary: StageSummary>(
        _ name: String, summary: SummaryOption, _ body: (StageRun) throws -> Summary
    ) throws {
        try main(name) { run in
            let result = try body(run)
            Diagnostics.endProgress()
            if let path = summary.summary { try SummaryFile.write(result, to: path) }
            run.say(result.line)
            if let problem = result.dataProblem {
                run.say("error: \(problem).")
                throw ExitStatus.dataError.exitCode
            }
        }
    }

    /// Runs `body`; an error it throws is reported on standard error and
    /// becomes the exit code of DESIGN.md §2. ArgumentParser's own errors
    /// (usage, exit codes already chosen) pass through.
    public static func main(_ name: String, _ body: (StageRun) throws -> Void) throws {
        let run = StageRun(name: name)
        defer { PeakMemory.report() }
        do {
            try body(run)
        } catch let error as ExitCode {
            Diagnostics.endProgress()
            throw error
        } catch let error as ValidationError {
            Diagnostics.endProgress()
            throw error
        } catch {
            Diagnostics.endProgress()
            run.say("error: \(error)")
            throw ExitStatus.for(error).exitCode
        }
    }
}

/// The peak resident memory of this process's own pages (`VmHWM`), written
/// at the end of a stage to the file `TEXTO_PEAK_MEMORY_FILE` names, for
/// the tests that bound it. `getrusage` cannot tell it: until it execs, a
/// child shares its parent's pages, and its `ru_maxrss` counts them.
enum PeakMemory {
    static func report() {
        guard let path = ProcessInfo.processInfo.environment["TEXTO_PEAK_MEMORY_FILE"],
              let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return }
        let kilobytes = line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        try? kilobytes.write(toFile: path, atomically: false, encoding: .utf8)
    }
}
