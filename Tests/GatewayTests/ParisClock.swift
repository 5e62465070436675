import TextoCore

/// Unix seconds of a Paris wall time written `2026-11-28 14:00` or
/// `2026-11-28 14:00:30` (the first one in the repeated autumn hour).
func paris(_ text: String) -> Int {
    let parts = text.split(separator: " ")
    let date = CivilDate.parse(String(parts[0]))!
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    let second = clock[0] * 3_600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)
    return ParisTime.unixTime(date, secondOfDay: second).earliest
}

/// `2026-11-28 14:00:30 +01:00`: a Unix time as Paris clocks show it.
func parisText(_ unixTime: Int) -> String {
    let clock = ParisTime.wallClock(atUnixTime: unixTime)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let s = clock.secondOfDay
    return "\(clock.date) \(two(s / 3_600)):\(two(s / 60 % 60)):\(two(s % 60)) +\(two(clock.utcOffset / 3_600)):00"
}

/// A deterministic generator for property tests (SplitMix64): the same
/// cases on every run, so a failure can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
