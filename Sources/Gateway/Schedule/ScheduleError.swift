import TextoCore

/// A send-time option that cannot be read (`--at`, `--window`, `--hours`,
/// `--rate`, `--holidays`): exit 64, with what to write instead.
public typealias ScheduleError = Failure<ScheduleErrorCode>

public enum ScheduleErrorCode: String, ErrorCode {
    /// `--at` is not a date and time, or names one that does not exist.
    case invalidTime
    /// `--window` is neither `legal` nor `none`.
    case invalidWindow
    /// `--hours` is not a range of hours with the start first.
    case invalidHours
    /// `--rate` is not a number of messages per time, or not above 0.
    case invalidRate
    /// `--holidays` is neither `national` nor `alsace-moselle`.
    case invalidHolidays

    /// The command line must change (exit 64).
    public var category: ErrorCategory { .usage }
}
