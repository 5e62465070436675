/// The XML of a part being written, formatted straight into a block of
/// bytes that goes to the zip (`ZipPipe`) when full: no `String` per cell,
/// digits written by hand (STYLE.md §12).
///
/// Appending is in two steps: `reserve(n)` makes room for n bytes (handing
/// the block on if needed), then the `unchecked` appends write without
/// checking. One value always fits in a block (`ZipPipe`'s 1 MiB): a cell
/// holds at most 32,767 UTF-16 units, so 98,301 bytes of UTF-8, and
/// escaping writes at most 7 bytes per byte.
struct XMLOutput {
    private(set) var base: UnsafeMutablePointer<UInt8>
    var count = 0
    let capacity: Int
    private let pipe: ZipPipe

    init(pipe: ZipPipe) {
        self.pipe = pipe
        capacity = pipe.blockSize
        base = pipe.takeBlock().assumingMemoryBound(to: UInt8.self)
    }

    /// Makes room for `bytes` more bytes.
    @inline(__always)
    mutating func reserve(_ bytes: Int) throws {
        if bytes > capacity - count {
            precondition(bytes <= capacity, "a value larger than a block")
            try flush()
        }
    }

    /// Hands what was formatted to the zip.
    mutating func flush() throws {
        guard count > 0 else { return }
        base = try pipe.submit(base, count: count).assumingMemoryBound(to: UInt8.self)
        count = 0
    }

    @inline(__always)
    mutating func unchecked(_ literal: StaticString) {
        (base + count).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count += literal.utf8CodeUnitCount
    }

    @inline(__always)
    mutating func unchecked(byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func unchecked(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    /// Appends `text` with room checked: for the parts' fixed XML.
    mutating func append(_ literal: StaticString) throws {
        try reserve(literal.utf8CodeUnitCount)
        unchecked(literal)
    }

    /// Appends `text`, XML-escaped as `OOXMLText.escape` does, room checked.
    mutating func appendEscaped(_ text: String) throws {
        try OOXMLText.withUTF8(text) { bytes in
            try reserve(OOXMLText.worstEscapedLength(bytes.count))
            count += OOXMLText.escape(bytes, to: base + count)
        }
    }

    /// Appends the decimal digits of `value` (at most 20 bytes).
    @inline(__always)
    mutating func unchecked(integer value: Int) {
        var magnitude = value.magnitude
        if value < 0 { unchecked(byte: UInt8(ascii: "-")) }
        if magnitude < 10 {
            unchecked(byte: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        var digits = 2
        var rest = magnitude / 100
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var end = count + digits
        count = end
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) &* 2
            magnitude /= 100
            end -= 2
            base[end] = Self.digitPairs[pair]
            base[end + 1] = Self.digitPairs[pair + 1]
        }
        if magnitude >= 10 {
            let pair = Int(magnitude) &* 2
            base[end - 2] = Self.digitPairs[pair]
            base[end - 1] = Self.digitPairs[pair + 1]
        } else {
            base[end - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude)
        }
    }

    /// Appends `value` in the shortest form that reads back as the same
    /// `Double` (at most 24 bytes): whole numbers below 10^15 as integers
    /// (`3`, not `3.0`), others as Swift prints them (`0.947`, `1e-05`,
    /// `1e+16`), which is valid `xsd:double`. `value` must be finite.
    @inline(__always)
    mutating func unchecked(double value: Double) {
        if value.magnitude < 1e15, value == value.rounded(.towardZero) {
            unchecked(integer: Int(value))
            return
        }
        var capture = ASCIICapture(target: base + count)
        value.write(to: &capture)
        count += capture.count
    }

    /// "00", "01", ... "99".
    private static let digitPairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }
}

/// Receives what `Double.write(to:)` prints without making a `String`:
/// the standard library hands floating-point text to `_writeASCII`, a
/// requirement of `TextOutputStream`, as a buffer of ASCII bytes.
private struct ASCIICapture: TextOutputStream {
    let target: UnsafeMutablePointer<UInt8>
    var count = 0

    init(target: UnsafeMutablePointer<UInt8>) {
        self.target = target
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress else { return }
        (target + count).update(from: start, count: buffer.count)
        count += buffer.count
    }

    mutating func write(_ string: String) {
        for byte in string.utf8 {
            target[count] = byte
            count += 1
        }
    }
}
