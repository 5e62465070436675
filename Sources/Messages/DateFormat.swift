/// Renders ISO dates (what the import writes) for people: `22/11/2026` by
/// default, or a pattern: `d` `dd` day, `M` `MM` month number, `MMMM` month
/// name, `yy` `yyyy` year, `EEEE` weekday name (French by default), `HH:mm`
/// for a time; anything else is kept (`dd/MM`, `d MMMM yyyy`, `dd.MM.yy`).
enum DateFormat {
    static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    static let frenchWeekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]

    /// A cheap test before parsing: the length and dashes of an ISO date.
    @inline(__always)
    static func mayBeISO(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == 10 || (utf8.count >= 16 && utf8.count <= 25) else { return false }
        var iterator = utf8.makeIterator()
        for index in 0..<5 {
            guard let byte = iterator.next() else { return false }
            if index == 4 { return byte == UInt8(ascii: "-") }
            if byte &- UInt8(ascii: "0") > 9 { return false }
        }
        return false
    }

    /// The ISO date (and time) in `text`, if it is one: `2026-11-22` or `2026-11-22T10:30:00`.
    static func parseISO(_ text: String) -> (year: Int, month: Int, day: Int, hour: Int?, minute: Int?)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || (bytes.count >= 16 && bytes[10] == UInt8(ascii: "T")),
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        if bytes.count >= 16, let hour = number(11..<13), let minute = number(14..<16) { return (year, month, day, hour, minute) }
        return (year, month, day, nil, nil)
    }

    /// `text` formatted with `pattern` (nil: `dd/MM/yyyy`), or nil when it is not an ISO date.
    static func format(_ text: String, pattern: String?) -> String? {
        guard let date = parseISO(text) else { return nil }
        let pattern = pattern ?? "dd/MM/yyyy"
        var result = ""
        let characters = Array(pattern)
        var index = 0
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        while index < characters.count {
            let character = characters[index]
            var run = 1
            while index + run < characters.count, characters[index + run] == character { run += 1 }
            switch (character, run) {
            case ("d", 1): result += "\(date.day)"
            case ("d", 2): result += two(date.day)
            case ("M", 1): result += "\(date.month)"
            case ("M", 2): result += two(date.month)
            case ("M", 3...): result += frenchMonths[date.month - 1]
            case ("y", 2): result += two(date.year % 100)
            case ("y", 4): result += "\(date.year)"
            case ("E", _): result += frenchWeekdays[weekday(date.year, date.month, date.day)]
            case ("H", 1): result += "\(date.hour ?? 0)"
            case ("H", 2): result += two(date.hour ?? 0)
            case ("m", 2): result += two(date.minute ?? 0)
            default: result += String(repeating: character, count: run)
            }
            index += run
        }
        return result
    }

    /// 0 = Sunday (Sakamoto's method).
    static func weekday(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }
}
