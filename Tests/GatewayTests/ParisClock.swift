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
