/// Remembers every mobile kept so far, across all inputs of a run, and
/// where it was first seen (DOMAIN.md §1: the first occurrence wins).
///
/// An open-addressing table keyed by the E.164 integer (never 0), with a
/// multiplicative hash: numbers are already well spread, SipHash is not
/// needed, and one probe usually answers.
///
/// - Complexity: O(1) per number; 16 bytes per slot, at most half full
///   (about 32 MB per million distinct mobiles).
struct Deduplicator: ~Copyable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var places: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        places = .allocate(capacity: capacity)
    }

    deinit {
        keys.deallocate()
        places.deallocate()
    }

    /// Records `e164` as seen at (`source`, `row`), or returns where it was
    /// seen first.
    @inline(__always)
    mutating func claim(_ e164: UInt64, source: Int, row: Int) -> (source: Int, row: Int)? {
        var slot = Self.slot(e164, capacity)
        while true {
            let key = keys[slot]
            if key == e164 {
                let place = places[slot]
                return (Int(place >> 40), Int(place & (1 << 40 - 1)))
            }
            if key == 0 { break }
            slot = (slot + 1) & (capacity - 1)
        }
        keys[slot] = e164
        places[slot] = UInt64(source) << 40 | UInt64(row)
        count += 1
        if count * 2 > capacity { grow() }
        return nil
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & (capacity - 1)
    }

    private mutating func grow() {
        let oldKeys = keys, oldPlaces = places, oldCapacity = capacity
        capacity *= 2
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        places = .allocate(capacity: capacity)
        for index in 0..<oldCapacity where oldKeys[index] != 0 {
            var slot = Self.slot(oldKeys[index], capacity)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = oldKeys[index]
            places[slot] = oldPlaces[index]
        }
        oldKeys.deallocate()
        oldPlaces.deallocate()
    }
}
