// Integers in decimal, written straight into bytes: the CSV writer prints
// two integers per output row (millions per import), the batch writers a
// date and a time per message. No `String` per number.

/// The number of decimal digits of `value` (1 for 0).
@inlinable @inline(__always)
package func decimalDigitCount(_ value: UInt64) -> Int {
    var digits = 1
    var power: UInt64 = 10  // 10^digits while it fits: UInt64.max has 20 digits
    while value >= power {
        digits += 1
        if digits == 20 { break }
        power &*= 10
    }
    return digits
}

/// Writes `value` in decimal at `target`, zero-padded on the left to
/// `width` digits, and returns the bytes written: `max(width,
/// decimalDigitCount(value))`, which `target` must have room for.
@inlinable @inline(__always)
package func writeDecimal(_ value: UInt64, width: Int = 0, to target: UnsafeMutablePointer<UInt8>) -> Int {
    let count = max(width, decimalDigitCount(value))
    var position = count
    var rest = value
    // Two digits per division: the divisions depend on each other, and an
    // E.164 number has up to 15 digits.
    while rest >= 100 {
        let pair = rest % 100
        rest /= 100
        let tens = pair / 10
        target[position - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: pair &- tens &* 10)
        target[position - 2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: tens)
        position -= 2
    }
    if rest >= 10 {
        target[position - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
        position -= 1
    }
    target[position - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
    position -= 1
    while position > 0 {
        position -= 1
        target[position] = UInt8(ascii: "0")
    }
    return count
}

extension Array where Element == UInt8 {
    /// Appends `value` (not negative) in decimal, zero-padded on the left to
    /// `width` digits: `appendDecimal(7, width: 2)` appends `07`.
    @inlinable
    package mutating func appendDecimal(_ value: some BinaryInteger, width: Int = 0) {
        let value = UInt64(value)
        let start = count
        let end = start + Swift.max(width, decimalDigitCount(value))
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: end - start))
        withUnsafeMutableBufferPointer { buffer in
            _ = writeDecimal(value, width: width, to: buffer.baseAddress! + start)
        }
    }
}
