/// The ranges of the numbers people give in options, pipeline files and
/// watch files: wide enough for any real use, narrow enough that the times,
/// sizes and timers computed from them stay inside their types (an hour
/// count of 2^63 overflowed the seconds it becomes; an infinite size
/// trapped on its conversion to bytes).
public enum Bounds {
    /// Hours after a send during which a report may still come: up to ten years.
    public static let pendingHours = 0...87_600
    /// Seconds to wait for another run holding the store or the campaign: up to a day.
    public static let waitSeconds = 0...86_400
    /// Seconds a dropped file must stay unchanged: up to a day.
    public static let settleSeconds: ClosedRange<Double> = 0...86_400
    /// Seconds between two scans of a watched folder: a hundredth to a day.
    public static let rescanSeconds: ClosedRange<Double> = 0.01...86_400
    /// Seconds before a silent watcher's file is taken over: a hundredth to a week.
    public static let takeoverSeconds: ClosedRange<Double> = 0.01...604_800
    /// GiB a workbook may inflate to: a MiB to a TiB.
    public static let inflatedGiB: ClosedRange<Double> = 0.001...1_024

    /// `from 0 to 86400`, as the errors say a range (no `.0`).
    public static func span<Value>(_ range: ClosedRange<Value>) -> String {
        "from \(written(range.lowerBound)) to \(written(range.upperBound))"
    }

    /// A number as people write it: `86400` rather than `86400.0`.
    public static func written<Value>(_ value: Value) -> String {
        let text = "\(value)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
