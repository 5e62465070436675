/// Times a stage for its summary (`seconds`), on the monotonic clock.
public struct Stopwatch: Sendable {
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant

    package init() { started = clock.now }

    /// Seconds since the stopwatch was made.
    public var seconds: Double { (clock.now - started).seconds }
}
