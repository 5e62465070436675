import Foundation

/// Counting and splitting SMS text (3GPP TS 23.038 and 23.040).
public enum SMS {
    /// NFC-normalizes (e + U+0301 is one é).
    ///
    /// ASCII text is already NFC and comes back as is, without a call into
    /// Foundation.
    public static func normalize(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Counts `text` (already normalized). GSM-7 when every character is in
    /// the basic or extension table, else UCS-2.
    ///
    /// One pass over the UTF-8 bytes that tallies both encodings at once
    /// (the GSM-7 tally stops at the first character it cannot encode), with
    /// one table lookup per scalar and no allocation.
    ///
    /// - Complexity: O(n) in the UTF-8 length of `text`.
    public static func count(_ text: String) -> SMSCount {
        if let count = text.utf8.withContiguousStorageIfAvailable(count(utf8:)) { return count }
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(count(utf8:))!
    }

    /// Septets (GSM-7) or units (UCS-2) still free in the last part, i.e. how
    /// many more basic characters fit before another SMS is needed.
    public static func spare(_ count: SMSCount) -> Int {
        if count.segments <= 1 { return count.encoding.singleCapacity - count.length }
        return count.encoding.partCapacity - count.lastPartLength
    }

    /// Two passes at most: the first sums septets and units (and stops
    /// looking up septets at the first non-GSM character); only a message
    /// longer than one SMS takes the second, which finds where its parts close.
    static func count(utf8 bytes: UnsafeBufferPointer<UInt8>) -> SMSCount {
        GSMAlphabet.table.withUnsafeBufferPointer { table in
            var septets = 0
            var units = 0
            var isGSM = true
            forEachScalar(in: bytes) { scalar, size in
                units &+= size
                if isGSM {
                    let cost = GSMAlphabet.septets(scalar, in: table)
                    if cost == 0 { isGSM = false } else { septets &+= cost }
                }
            }
            let encoding: SMSEncoding = isGSM ? .gsm7 : .ucs2
            let length = isGSM ? septets : units
            if length == 0 { return SMSCount(encoding: encoding, length: 0, segments: 0, lastPartLength: 0) }
            if length <= encoding.singleCapacity {
                return SMSCount(encoding: encoding, length: length, segments: 1, lastPartLength: length)
            }
            var tally = PartTally(capacity: encoding.partCapacity)
            if isGSM {
                forEachScalar(in: bytes) { scalar, _ in tally.add(GSMAlphabet.septets(scalar, in: table)) }
            } else {
                forEachScalar(in: bytes) { _, size in tally.add(size) }
            }
            return SMSCount(encoding: encoding, length: length, segments: tally.parts, lastPartLength: tally.fill)
        }
    }

    /// Calls `body` with each scalar of valid UTF-8 `bytes` and its UTF-16
    /// length (2 outside the BMP, where the scalar itself is not needed).
    @inline(__always)
    static func forEachScalar(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32, Int) -> Void) {
        var index = 0
        let end = bytes.count
        while index < end {
            let lead = UInt32(bytes[index])
            if lead < 0x80 {
                body(lead, 1)
                index &+= 1
            } else if lead < 0xE0 {
                body((lead & 0x1F) << 6 | UInt32(bytes[index &+ 1] & 0x3F), 1)
                index &+= 2
            } else if lead < 0xF0 {
                body((lead & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6 | UInt32(bytes[index &+ 2] & 0x3F), 1)
                index &+= 3
            } else {
                body(0x10000, 2)  // outside the BMP: a surrogate pair, never GSM-7
                index &+= 4
            }
        }
    }
}

/// The running size of a message in one encoding, and where its parts would
/// close if it were concatenated.
struct PartTally {
    let capacity: Int
    var parts = 1
    var fill = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Adds a character of `size` septets or units. TS 23.038 §6.2.1.1 (an
    /// escape pair) and TS 23.040 §9.2.3.24.1 (a UCS-2 character): a pair is
    /// never split, so a part that cannot take it whole closes early.
    @inline(__always)
    mutating func add(_ size: Int) {
        if fill + size > capacity {
            parts += 1
            fill = size
        } else {
            fill += size
        }
    }
}
