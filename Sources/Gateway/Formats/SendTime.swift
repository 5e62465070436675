import TextoCore

/// A send time as the files print it: the local (Paris) wall clock of
/// `sendAt + sendAtOffset`, by integer civil-date arithmetic (no time-zone
/// data: the caller gave the offset).
struct SendTime {
    /// Unix seconds (UTC).
    let instant: Int
    let date: CivilDate
    /// Seconds since local midnight.
    let secondOfDay: Int
    let offset: Int

    /// The local time of `message`, or an `invalidMessage` error when its
    /// offset is not whole minutes within ±18 hours (ISO 8601 cannot write
    /// it) or its year is outside 1970-9999.
    init(_ message: GatewayMessage) throws(GatewayError) {
        let offset = message.sendAtOffset
        guard offset % 60 == 0, abs(offset) <= 18 * 3600 else {
            throw .invalidMessage(message, "the send time's offset \(offset) s is not a whole number of minutes within ±18 hours",
                                  hint: "Give the offset of Europe/Paris at the send time (3600 or 7200).")
        }
        let local = message.sendAt + offset
        // 253402300799 is 9999-12-31T23:59:59.
        guard (0...253_402_300_799).contains(local) else {
            throw .invalidMessage(message, "the send time \(message.sendAt) is outside the years 1970-9999",
                                  hint: "Check the --at date.")
        }
        self.init(instant: message.sendAt, offset: offset)
    }

    /// The wall clock at `instant` for a zone `offset` seconds east of UTC
    /// (checked by the caller: whole minutes, a year from 1970 to 9999).
    init(instant: Int, offset: Int) {
        let local = instant + offset
        self.instant = instant
        date = CivilDate(days: local / 86_400)
        secondOfDay = local % 86_400
        self.offset = offset
    }

    /// The Paris wall clock at `instant`.
    init(parisTimeAt instant: Int) {
        self.init(instant: instant, offset: ParisTime.utcOffset(atUnixTime: instant))
    }

    /// `2026-11-28T14:00:00+01:00` (ISO 8601 extended, offset always written).
    func appendISO8601(to bytes: inout [UInt8]) {
        let (year, month, day) = date.components
        bytes.appendDecimal(year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDecimal(day, width: 2)
        bytes.append(UInt8(ascii: "T"))
        appendClock(separator: UInt8(ascii: ":"), to: &bytes)
        bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        bytes.appendDecimal(abs(offset) / 3600, width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDecimal(abs(offset) % 3600 / 60, width: 2)
    }

    var iso8601: String {
        var bytes: [UInt8] = []
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `20261128_140000`: the date and time fields of a Gammu outbox name.
    func appendGammuStamp(to bytes: inout [UInt8]) {
        let (year, month, day) = date.components
        bytes.appendDecimal(year, width: 4)
        bytes.appendDecimal(month, width: 2)
        bytes.appendDecimal(day, width: 2)
        bytes.append(UInt8(ascii: "_"))
        appendClock(separator: nil, to: &bytes)
    }

    private func appendClock(separator: UInt8?, to bytes: inout [UInt8]) {
        bytes.appendDecimal(secondOfDay / 3600, width: 2)
        if let separator { bytes.append(separator) }
        bytes.appendDecimal(secondOfDay % 3600 / 60, width: 2)
        if let separator { bytes.append(separator) }
        bytes.appendDecimal(secondOfDay % 60, width: 2)
    }
}
