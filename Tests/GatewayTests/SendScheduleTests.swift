import Gateway
import TestSupport
import Testing
import TextoCore

@Suite("Send schedule")
struct SendScheduleTests {
    static let rate50 = SendRate(messages: 50, per: 1)!

    /// The first `count` send times.
    static func times(_ schedule: inout SendSchedule, _ count: Int) -> [Int] {
        (0..<count).map { _ in schedule.nextTime() }
    }

    @Test("at 50/s from Saturday 19:59:00, message 3000 goes out on Monday 08:00:00", arguments: [
        ("2026-11-28 19:59:00", "2026-11-30 08:00:00 +01:00", "samedi 20:00 → lundi 08:00 : dimanche exclu"),
        // Tuesday when Monday is a holiday.
        ("2026-05-23 19:59:00", "2026-05-26 08:00:00 +02:00", "samedi 20:00 → mardi 08:00 : dimanche et lundi de Pentecôte exclus"),
    ])
    func saturdayEvening(start: String, message3000: String, sentence: String) {
        var schedule = SendSchedule(start: paris(start), rate: Self.rate50, window: .legal())
        let times = Self.times(&schedule, 3_001)
        #expect(parisText(times[0]) == "\(start) \(message3000.suffix(6))")
        #expect(parisText(times[49]) == "\(start) \(message3000.suffix(6))")  // 49/50 s, rounded down
        #expect(times[50] == times[0] + 1)
        #expect(times[2_999] == paris(start) + 59)
        #expect(parisText(times[3_000]) == message3000)
        #expect(schedule.moves.map { $0.sentence(in: .fr) } == [sentence])
        #expect(schedule.summary.daysUsed == 2)
        #expect(schedule.summary.first == times[0] && schedule.summary.last == times[3_000])
        #expect(schedule.summary.messages == 3_001)
    }

    @Test("a start outside the window moves to the next opening, and the move is recorded")
    func startOutside() {
        var schedule = SendSchedule(start: paris("2026-11-29 10:00"), rate: Self.rate50, window: .legal())
        #expect(parisText(schedule.nextTime()) == "2026-11-30 08:00:00 +01:00")
        #expect(schedule.first == paris("2026-11-30 08:00"))
        #expect(schedule.summary.moveSentences(in: .en) == ["Sunday 10:00 → Monday 08:00: Sunday skipped"])
    }

    @Test("without a rate every message goes out at the first allowed moment")
    func noRate() {
        var schedule = SendSchedule(start: paris("2026-11-28 21:00"), rate: nil, window: .legal())
        let times = Self.times(&schedule, 10_000)
        #expect(Set(times) == [paris("2026-11-30 08:00")])
        #expect(schedule.summary.daysUsed == 1 && schedule.moves.count == 1)
    }

    @Test("a slow rate spreads messages over several days, counting only open time")
    func acrossDays() {
        // 1 message every 3 hours of open window: 4 a day (08:00, 11:00, 14:00, 17:00).
        var schedule = SendSchedule(start: paris("2026-11-26 08:00"), rate: SendRate(messages: 1, per: 10_800)!, window: .legal())
        let times = Self.times(&schedule, 10).map(parisText)
        #expect(times == [
            "2026-11-26 08:00:00 +01:00", "2026-11-26 11:00:00 +01:00", "2026-11-26 14:00:00 +01:00", "2026-11-26 17:00:00 +01:00",
            "2026-11-27 08:00:00 +01:00", "2026-11-27 11:00:00 +01:00", "2026-11-27 14:00:00 +01:00", "2026-11-27 17:00:00 +01:00",
            "2026-11-28 08:00:00 +01:00", "2026-11-28 11:00:00 +01:00",
        ])
        #expect(schedule.summary.daysUsed == 3)
        #expect(schedule.moves.map { $0.sentence(in: .fr) } == [
            "jeudi 20:00 → vendredi 08:00 : hors des heures d'envoi (08:00-20:00)",
            "vendredi 20:00 → samedi 08:00 : hors des heures d'envoi (08:00-20:00)",
        ])
    }

    @Test("7/min: message 7 is at exactly 60 s (the rate is a fraction, not a rounded Double)")
    func exactRate() {
        var schedule = SendSchedule(start: paris("2026-11-24 10:00"), rate: SendRate(messages: 7, per: 60)!, window: .legal())
        let times = Self.times(&schedule, 15)
        #expect(times[7] - times[0] == 60 && times[14] - times[0] == 120)
        #expect(times[1] - times[0] == 8)  // 60/7 = 8.57 s, rounded down
    }

    @Test("the none window: messages straight through the March night when 02:00-02:59 does not exist")
    func marchNight() {
        var schedule = SendSchedule(start: paris("2026-03-29 01:59:58"), rate: SendRate(messages: 1, per: 1)!, window: .none)
        #expect(Self.times(&schedule, 4).map(parisText) == [
            "2026-03-29 01:59:58 +01:00", "2026-03-29 01:59:59 +01:00", "2026-03-29 03:00:00 +02:00", "2026-03-29 03:00:01 +02:00",
        ])
        #expect(schedule.moves.isEmpty)
    }

    @Test("the none window: the October hour happens twice, in order")
    func octoberNight() {
        var schedule = SendSchedule(start: paris("2026-10-25 02:59:59"), rate: SendRate(messages: 1, per: 1)!, window: .none)
        #expect(Self.times(&schedule, 2).map(parisText) == ["2026-10-25 02:59:59 +02:00", "2026-10-25 02:00:00 +01:00"])
    }

    @Test("no send time is ever outside the window, and each is start + i/rate seconds of open window (random starts and rates)")
    func neverOutside() {
        var random = SplitMix64(seed: 20_261_128)
        let first = paris("2020-01-01 00:00"), last = paris("2040-12-31 00:00")
        let hours = [SendHours.standard, SendHours(start: 510, end: 1_200)!, SendHours(start: 0, end: 1_440)!, SendHours(start: 60, end: 200)!]
        for _ in 0..<300 {
            let start = Int.random(in: first...last, using: &random)
            let rate = SendRate(messages: Int.random(in: 1...100, using: &random), per: [1, 60, 7, 3_600].randomElement(using: &random)!)!
            let window = SendWindow.legal(hours: hours.randomElement(using: &random)!,
                                          holidays: FrenchHolidays.allCases.randomElement(using: &random)!)
            var schedule = SendSchedule(start: start, rate: rate, window: window)
            var previous = schedule.first, open = 0
            #expect(window.contains(previous))
            for index in 0..<300 {
                let time = schedule.nextTime()
                #expect(window.contains(time), "\(window) \(rate) from \(parisText(start)): message \(index) at \(parisText(time))")
                #expect(time >= previous)
                // Open seconds since the first send time, counted by brute force.
                open += Self.openSeconds(window, from: previous, to: time)
                #expect(open == index * rate.seconds / rate.messages, "\(rate) from \(parisText(start)): message \(index)")
                previous = time
            }
            for move in schedule.moves {
                #expect(!window.contains(move.from) && window.contains(move.to) && !window.contains(move.to - 1))
            }
        }
    }

    /// Open seconds in [from, to), minute by minute where it can (the
    /// window changes only on whole minutes).
    static func openSeconds(_ window: SendWindow, from: Int, to: Int) -> Int {
        var count = 0, time = from
        while time < to {
            let step = time % 60 == 0 && to - time >= 60 ? 60 : 1
            if window.contains(time) { count += step }
            time += step
        }
        return count
    }

    @Test("a million messages at 50/s: a few integers of state, moves only when the window closes")
    func million() {
        var schedule = SendSchedule(start: paris("2026-11-28 16:00"), rate: Self.rate50, window: .legal())
        var last = 0
        for _ in 0..<1_000_000 { last = schedule.nextTime() }
        // 19,999 s of open window: 4 h on Saturday, then 1 h 33 min 19 s on Monday.
        #expect(parisText(last) == "2026-11-30 09:33:19 +01:00")
        #expect(schedule.summary.daysUsed == 2)
        #expect(schedule.moves.count == 1)
    }
}
