import TextoCore

/// The send times of a campaign's messages, one after the other: message
/// `i` at `i / rate` seconds of open window after the first, so that time
/// outside the window does not count (at 50/s from Saturday 19:59:00,
/// message 3000 goes out on Monday at 08:00:00, or Tuesday when Monday is a
/// holiday). Send times are whole seconds, rounded down, and never outside
/// the window.
///
/// Streaming: the state is a few integers, whatever the number of messages;
/// only the moves over closed time are kept, for the summary.
public struct SendSchedule: Sequence, IteratorProtocol, Sendable {
    public let window: SendWindow
    /// Nil: every message at the first send time.
    public let rate: SendRate?
    /// The first send time asked, before it was moved into the window.
    public let requestedStart: Int
    /// The send time of message 0: the first allowed moment at or after
    /// the start asked.
    public let first: Int

    /// The open stretch of the window the next message falls in.
    private var stretch: Range<Int>
    /// Open seconds from the first send time to the start of `stretch`.
    private var openBefore = 0
    /// The start of the Paris day after the last message's.
    private var nextDay = Int.min

    /// Messages scheduled so far.
    public private(set) var count = 0
    /// The send time of the last message scheduled.
    public private(set) var last: Int?
    /// Paris calendar days with at least one message.
    public private(set) var daysUsed = 0
    /// Each move over closed time so far, in order: the first send time
    /// moved into the window, then each time the window closed between two
    /// messages.
    public private(set) var moves: [WindowMove] = []

    /// The schedule of messages from `start` (Unix seconds), moved into
    /// `window` if needed.
    public init(start: Int, rate: SendRate?, window: SendWindow) {
        self.window = window
        self.rate = rate
        requestedStart = start
        stretch = window.stretch(atOrAfter: start)
        first = stretch.lowerBound
        if first != start { moves.append(window.move(from: start, to: stretch.lowerBound)) }
    }

    /// The send time of the next message (Unix seconds).
    /// - Complexity: O(1) amortized; a few days' look-up when the window closes.
    public mutating func nextTime() -> Int {
        let offset = rate?.offset(ofMessage: count) ?? 0
        while offset - openBefore >= stretch.upperBound - stretch.lowerBound {
            openBefore += stretch.upperBound - stretch.lowerBound
            let closing = stretch.upperBound
            stretch = window.stretch(atOrAfter: closing)
            if stretch.lowerBound != closing { moves.append(window.move(from: closing, to: stretch.lowerBound)) }
        }
        let time = stretch.lowerBound + (offset - openBefore)
        count += 1
        last = time
        if time >= nextDay {
            daysUsed += 1
            nextDay = ParisTime.startOfDay(ParisTime.date(atUnixTime: time).adding(days: 1))
        }
        return time
    }

    /// `nextTime()`: a schedule never ends.
    public mutating func next() -> Int? { nextTime() }

    /// The numbers the stage summary reports.
    public var summary: ScheduleSummary {
        ScheduleSummary(messages: count, first: count > 0 ? first : nil, last: last, daysUsed: daysUsed, moves: moves)
    }
}

/// What a schedule did, for the stage summary: how many messages, when the
/// first and last go out, on how many days, and each move over closed time.
public struct ScheduleSummary: Hashable, Sendable {
    public var messages: Int
    /// Unix seconds; nil when there were no messages.
    public var first: Int?
    public var last: Int?
    /// Paris calendar days with at least one message.
    public var daysUsed: Int
    public var moves: [WindowMove]

    /// Each move in the user's words (`samedi 20:00 → lundi 08:00 : dimanche exclu`).
    public func moveSentences(in language: Language = .fr) -> [String] {
        moves.map { $0.sentence(in: language) }
    }
}
