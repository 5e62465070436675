import Foundation

/// Counting and splitting SMS text (3GPP TS 23.038 and 23.040).
public enum SMS {
    /// NFC-normalizes (e + U+0301 is one é).
    ///
    /// ASCII text is already NFC and comes back as is, without a call into
    /// Foundation.
    package static func normalize(_ text: String) -> String {
        // NFC quick check (UAX #15): text without combining marks and
        // without the few characters NFC replaces is already NFC; this is
        // nearly every message, and Foundation's normalization is slow.
        for scalar in text.unicodeScalars where scalar.value >= 0x300 && mayChangeUnderNFC(scalar) {
            return text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    /// True when UTF-8 `bytes` may change under NFC (the quick check of
    /// `normalize`, on bytes): only then is a `String` worth making.
    static func mayNeedNormalization(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0xCC {  // below U+0300
                index += lead < 0x80 ? 1 : 2
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else { return true }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            if let scalar = Unicode.Scalar(value), mayChangeUnderNFC(scalar) { return true }
            index += length
        }
        return false
    }

    /// True for a scalar NFC may compose with its neighbours or replace:
    /// combining marks, spacing marks, Hangul jamo, and the singletons and
    /// composition exclusions (Greek tonos, Kelvin, Angstrom, CJK compatibility...).
    static func mayChangeUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x0958...0x095F, 0x09DC...0x09DF, 0x0A33, 0x0A36,
             0x0A59...0x0A5E, 0x0B5C...0x0B5D, 0x0F43...0x0FB9, 0x1100...0x11FF, 0x1F71...0x1FFD, 0x2000...0x2001,
             0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFB1D...0xFB4E,
             0x1D15E...0x1D1C0, 0x2F800...0x2FA1D:
            return true
        default:
            let properties = scalar.properties
            return properties.canonicalCombiningClass != .notReordered || properties.generalCategory == .spacingMark
        }
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
    package static func spare(_ count: SMSCount) -> Int {
        if count.segments <= 1 { return count.encoding.singleCapacity - count.length }
        return count.encoding.partCapacity - count.lastPartLength
    }

    /// Counts UTF-8 bytes (already NFC), without making a `String`.
    /// Two passes at most: the first sums septets and units (and stops
    /// looking up septets at the first non-GSM character); only a message
    /// longer than one SMS takes the second, which finds where its parts close.
    public static func count(utf8 bytes: UnsafeBufferPointer<UInt8>) -> SMSCount {
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
