import TextoCore

/// Send times as the batch files and the summary write them, in Paris time.
public enum SendTimeFormat {
    /// `2026-11-28T14:00:00+01:00`: ISO 8601 with the Paris offset of that
    /// moment (`+02:00` in summer time).
    public static func iso8601(_ unixTime: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(25)
        appendISO8601(unixTime, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `iso8601(unixTime)`'s 25 bytes to `buffer`, for a writer's
    /// loop that builds its lines as bytes.
    public static func appendISO8601(_ unixTime: Int, to buffer: inout [UInt8]) {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let (year, month, day) = clock.date.components
        append(year, digits: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        appendTime(clock.secondOfDay, separator: UInt8(ascii: ":"), to: &buffer)
        buffer.append(UInt8(ascii: "+"))
        append(clock.utcOffset / 3_600, digits: 2, to: &buffer)
        buffer.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: "0")])
    }

    /// `("20261128", "140000")`: the Paris date and time of day as Gammu's
    /// outbox file names hold them (`OUTC20261128_140000_00_...`).
    public static func gammuParts(_ unixTime: Int) -> (date: String, time: String) {
        let clock = ParisTime.wallClock(atUnixTime: unixTime)
        let (year, month, day) = clock.date.components
        var date: [UInt8] = [], time: [UInt8] = []
        date.reserveCapacity(8)
        time.reserveCapacity(6)
        append(year, digits: 4, to: &date)
        append(month, digits: 2, to: &date)
        append(day, digits: 2, to: &date)
        appendTime(clock.secondOfDay, separator: nil, to: &time)
        return (String(decoding: date, as: UTF8.self), String(decoding: time, as: UTF8.self))
    }

    private static func appendTime(_ secondOfDay: Int, separator: UInt8?, to buffer: inout [UInt8]) {
        append(secondOfDay / 3_600, digits: 2, to: &buffer)
        if let separator { buffer.append(separator) }
        append(secondOfDay / 60 % 60, digits: 2, to: &buffer)
        if let separator { buffer.append(separator) }
        append(secondOfDay % 60, digits: 2, to: &buffer)
    }

    /// `value` (0 or more) in `digits` decimal digits, zero-padded.
    private static func append(_ value: Int, digits: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
