#if canImport(Glibc)
import TextoCore
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the text of a cell's `<v>` into what Texto outputs: numbers as
/// Excel's General format shows them, serial dates as ISO 8601.
enum ExcelValues {
    /// Excel keeps 15 significant digits (IEEE 754 double, shown to 15).
    static let significantDigits = 15

    /// Rewrites the number at `arena[start..<arena.count]` as General shows
    /// it: whole numbers up to 15 digits in full (`630050660`, never
    /// `6.3E+08`), others rounded to 15 significant digits (`0.3`, `1024.6`),
    /// exponent form only beyond that (`1.23456789012346E+16`).
    /// Text that is not a number is left as it is.
    static func renderGeneral(_ arena: inout ByteArena, from start: Int) {
        let length = arena.count - start
        let text = arena.base + start
        if isPlainNumber(text, length) { return }
        guard let value = parseDouble(text, length) else { return }
        arena.count = start
        appendGeneral(value, to: &arena)
    }

    /// True for text General would print unchanged: an optional `-`, at most
    /// 15 digits with an optional fraction, no leading zero, no trailing
    /// fractional zero. This is how Excel and most writers store numbers.
    @inline(__always)
    static func isPlainNumber(_ text: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        var index = 0
        if length > 0, text[0] == UInt8(ascii: "-") { index = 1 }
        let firstDigit = index
        var digits = 0
        var dot = -1
        while index < length {
            let byte = text[index]
            if byte &- UInt8(ascii: "0") < 10 {
                digits += 1
            } else if byte == UInt8(ascii: "."), dot < 0 {
                dot = index
            } else {
                return false
            }
            index += 1
        }
        guard digits > 0, digits <= significantDigits else { return false }
        // "0", "0.5" fine; "007", "-0", "1.50", "1." are not canonical.
        if text[firstDigit] == UInt8(ascii: "0"), length > firstDigit + 1, text[firstDigit + 1] != UInt8(ascii: ".") { return false }
        if dot >= 0 {
            let last = text[length - 1]
            if last == UInt8(ascii: "0") || last == UInt8(ascii: ".") || dot == firstDigit { return false }
        } else if firstDigit == 1, length == 2, text[1] == UInt8(ascii: "0") {
            return false
        }
        // Counting leading zeros of "0.000123" as significant is harmless:
        // such a number has fewer than 15 significant digits anyway.
        return true
    }

    /// Parses a decimal number (plain or exponent form).
    static func parseDouble(_ text: UnsafePointer<UInt8>, _ length: Int) -> Double? {
        guard length > 0, length < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { scratch -> Double? in
            let buffer = scratch.baseAddress!
            UnsafeMutableRawPointer(buffer).copyMemory(from: text, byteCount: length)
            buffer[length] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer, &end)
            guard let end, end == buffer + length, value.isFinite else { return nil }
            return value
        }
    }

    /// Appends `value` as General shows it.
    static func appendGeneral(_ value: Double, to arena: inout ByteArena) {
        if value == 0 {
            arena.append(byte: UInt8(ascii: "0"))
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            appendInteger(Int64(value), to: &arena)
            return
        }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { scratch in
            let buffer = scratch.baseAddress!
            let length = withVaList([value]) { vsnprintf(buffer, 40, "%.15G", $0) }
            var bytes = Array(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
            // %G keeps trailing zeros in the mantissa only in exponent form.
            if let e = bytes.firstIndex(of: UInt8(ascii: "E")) {
                var mantissa = Array(bytes[..<e])
                if mantissa.contains(UInt8(ascii: ".")) {
                    while mantissa.last == UInt8(ascii: "0") { mantissa.removeLast() }
                    if mantissa.last == UInt8(ascii: ".") { mantissa.removeLast() }
                }
                bytes = mantissa + bytes[e...]
            }
            arena.append(bytes)
        }
    }

    static func appendInteger(_ value: Int64, to arena: inout ByteArena) {
        var digits: [UInt8] = []
        var magnitude = value.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        if value < 0 { arena.append(byte: UInt8(ascii: "-")) }
        arena.append(digits.reversed())
    }

    // MARK: - Dates (ECMA-376 Part 1 §18.17.4)

    /// Writes the serial date `serial` as ISO 8601: `1987-03-05` for a whole
    /// serial, `10:30:00` below 1, `2026-11-22T10:30:00` otherwise — the
    /// value decides, as calamine does, so no time is ever dropped.
    /// In the 1900 system, serial 60 is Excel's phantom 1900-02-29 (a Lotus
    /// 1-2-3 bug Excel keeps); serials before it count from 1899-12-31.
    /// Negative serials and years past 9999 are left as numbers.
    static func appendDate(_ serial: Double, uses1904: Bool, to arena: inout ByteArena) -> Bool {
        guard serial >= 0, serial < 2_958_466 else { return false }
        // Rounded to the second, as a `ss` format displays it (0.99999999 is
        // midnight of the next day; half a second shows as one).
        var days = Int64(serial.rounded(.down))
        var seconds = Int64(((serial - Double(days)) * 86_400).rounded())
        if days == 0 {
            // A time of day: 23:59:59.99 shows as 00:00:00, not as a date.
            appendTime(seconds % 86_400, to: &arena)
            return true
        }
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        if !uses1904 && days == 60 {
            arena.append(Array("1900-02-29".utf8))
        } else {
            let unixDays = uses1904 ? days - 24_107 : (days < 60 ? days - 25_568 : days - 25_569)
            appendCivilDate(unixDays, to: &arena)
        }
        if seconds > 0 {
            arena.append(byte: UInt8(ascii: "T"))
            appendTime(seconds, to: &arena)
        }
        return true
    }

    /// Writes elapsed time as Excel's `[h]:mm:ss` shows it (`36:00:00`).
    static func appendDuration(_ serial: Double, to arena: inout ByteArena) -> Bool {
        guard serial.isFinite, abs(serial) < 1e9 else { return false }
        let total = Int64((abs(serial) * 86_400).rounded())
        if serial < 0 { arena.append(byte: UInt8(ascii: "-")) }
        appendInteger(total / 3600, to: &arena)
        arena.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(Int(total / 60 % 60), to: &arena)
        arena.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(Int(total % 60), to: &arena)
        return true
    }

    private static func appendTime(_ seconds: Int64, to arena: inout ByteArena) {
        appendTwoDigits(Int(seconds / 3600), to: &arena)
        arena.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(Int(seconds / 60 % 60), to: &arena)
        arena.append(byte: UInt8(ascii: ":"))
        appendTwoDigits(Int(seconds % 60), to: &arena)
    }

    /// Days since 1970-01-01 to `YYYY-MM-DD`.
    static func appendCivilDate(_ unixDays: Int64, to arena: inout ByteArena) {
        let (year, month, day) = CivilDate(days: Int(unixDays)).components
        appendTwoDigits(year / 100, to: &arena)
        appendTwoDigits(year % 100, to: &arena)
        arena.append(byte: UInt8(ascii: "-"))
        appendTwoDigits(month, to: &arena)
        arena.append(byte: UInt8(ascii: "-"))
        appendTwoDigits(day, to: &arena)
    }

    @inline(__always)
    private static func appendTwoDigits(_ value: Int, to arena: inout ByteArena) {
        arena.reserve(2)
        arena.base[arena.count] = UInt8(ascii: "0") + UInt8(value / 10 % 10)
        arena.base[arena.count + 1] = UInt8(ascii: "0") + UInt8(value % 10)
        arena.count += 2
    }

    /// Normalises a `t="d"` cell's ISO text: the `Z` dropped, a midnight time
    /// dropped (`2026-11-22T00:00:00` → `2026-11-22`), fractions of a second
    /// dropped.
    static func normalizeISODate(_ arena: inout ByteArena, from start: Int) {
        var end = arena.count
        let text = arena.base
        if end > start, text[end - 1] == UInt8(ascii: "Z") { end -= 1 }
        if let dot = (start..<end).first(where: { text[$0] == UInt8(ascii: ".") }), dot - start >= 19 { end = dot }
        let midnight = Array("T00:00:00".utf8)
        if end - start == 19, (0..<9).allSatisfy({ text[end - 9 + $0] == midnight[$0] }) { end -= 9 }
        arena.count = end
    }
}
