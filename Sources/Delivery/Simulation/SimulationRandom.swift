import Foundation

/// The simulation's randomness: SplitMix64 (Steele, Lea, Flood 2014), so
/// that the same seed gives the same files on every machine and version
/// of Swift (the standard library's generator is neither seedable nor
/// stable).
struct SimulationRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// Uniform in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `share`.
    mutating func chance(_ share: Double) -> Bool {
        unit() < share
    }

    /// One of `values`, uniformly.
    mutating func pick<T>(_ values: [T]) -> T {
        values[Int(next() % UInt64(values.count))]
    }

    /// A log-normal draw with this median and 90th percentile (Box-Muller).
    mutating func logNormal(median: Double, p90: Double) -> Double {
        let sigma = (log(p90) - log(median)) / 1.281_551_565_5
        let u1 = max(unit(), 1e-12), u2 = unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
        return median * exp(sigma * normal)
    }
}

/// A min-heap of timed items: the gateway's events, written in time order
/// while the messages are read in send order.
struct TimedQueue<Item> {
    private var items: [(time: Int, order: Int, item: Item)] = []
    private var counter = 0

    var isEmpty: Bool { items.isEmpty }
    /// The earliest time queued.
    var firstTime: Int? { items.first?.time }

    /// Queues `item` at `time`; items of one time come out in the order queued.
    mutating func push(_ item: Item, at time: Int) {
        counter += 1
        items.append((time, counter, item))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// The earliest item.
    mutating func pop() -> (time: Int, item: Item)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let first = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
            if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return (first.time, first.item)
    }

    private static func less(_ a: (time: Int, order: Int, item: Item), _ b: (time: Int, order: Int, item: Item)) -> Bool {
        (a.time, a.order) < (b.time, b.order)
    }
}
