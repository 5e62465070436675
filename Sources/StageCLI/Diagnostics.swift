#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a stage writes for people: standard error, so standard output can
/// carry data (`-o -`).
public enum Diagnostics {
    /// Prints one line on standard error.
    public static func line(_ text: String) {
        emit(printable(text) + "\n")
    }

    /// `text` with the control characters a hostile file may carry (in a
    /// file name, a column title, a report's first line) shown as `�`: an
    /// escape sequence read from a file must never reach the terminal or
    /// the log as one. Line feeds and tabs stay.
    package static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    private static func emit(_ text: String) {
        var message = text
        message.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Overwrites the progress line (a terminal only: callers check
    /// `isInteractive`).
    public static func progress(_ text: String) {
        emit("\r\u{1B}[K" + text)
    }

    /// A progress callback that shows `text(count)` on the terminal, or nil
    /// when standard error is not one (a cron job's log stays clean).
    package static func progressReporter(_ text: @escaping @Sendable (Int) -> String) -> (@Sendable (Int) -> Void)? {
        guard isInteractive else { return nil }
        return { @Sendable count in progress(text(count)) }
    }

    /// Clears the progress line, if one was shown.
    package static func endProgress() {
        if isInteractive { emit("\r\u{1B}[K") }
    }

    /// Prints `error: ...` for a failure and returns the exit status to use.
    public static func report(_ error: any Error, stage: String) -> ExitStatus {
        line("\(stage): error: \(error)")
        return ExitStatus.for(error)
    }

    /// True when standard error is a terminal (progress is shown only then).
    package static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}
