extension SMS {
    /// The parts as the phone receives them (for the preview): the text split
    /// at the part boundaries `count()` implies (one part when it fits in one
    /// SMS, none when it is empty).
    ///
    /// A part ends between Unicode scalars, never inside an escape pair or a
    /// surrogate pair, but it may end inside a grapheme cluster (an accent
    /// left decomposed, a flag, a family emoji): that is what the network does.
    package static func parts(_ text: String) -> [String] {
        let count = count(text)
        if count.segments <= 1 { return text.isEmpty ? [] : [text] }
        let scalars = text.unicodeScalars
        var tally = PartTally(capacity: count.encoding.partCapacity)
        var parts: [String] = []
        parts.reserveCapacity(count.segments)
        var start = scalars.startIndex
        var index = start
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let size = count.encoding == .gsm7 ? GSMAlphabet.septets(scalar) : scalar.utf16.count
            let before = tally.parts
            tally.add(size)
            if tally.parts != before {
                parts.append(String(scalars[start..<index]))
                start = index
            }
            scalars.formIndex(after: &index)
        }
        parts.append(String(scalars[start..<index]))
        return parts
    }
}
