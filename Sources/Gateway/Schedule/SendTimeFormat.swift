import TextoCore

/// Send times as the batch files and the summary write them, in Paris time
/// (the writers' `SendTime` does the formatting).
public enum SendTimeFormat {
    /// `2026-11-28T14:00:00+01:00`: ISO 8601 with the Paris offset of that
    /// moment (`+02:00` in summer time).
    public static func iso8601(_ unixTime: Int) -> String {
        SendTime(parisTimeAt: unixTime).iso8601
    }

    /// Appends `iso8601(unixTime)`'s 25 bytes to `buffer`, for a writer's
    /// loop that builds its lines as bytes.
    public static func appendISO8601(_ unixTime: Int, to buffer: inout [UInt8]) {
        SendTime(parisTimeAt: unixTime).appendISO8601(to: &buffer)
    }

    /// `("20261128", "140000")`: the Paris date and time of day as Gammu's
    /// outbox file names hold them (`OUTC20261128_140000_00_...`).
    public static func gammuParts(_ unixTime: Int) -> (date: String, time: String) {
        var bytes: [UInt8] = []
        SendTime(parisTimeAt: unixTime).appendGammuStamp(to: &bytes)
        let parts = bytes.split(separator: UInt8(ascii: "_"))
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self))
    }
}
