@testable import Messages

/// The size of `part` in `encoding`: septets or UTF-16 units. A part of a
/// UCS-2 message may be GSM-7 on its own, so `SMS.count(part)` would not do.
func size(of part: String, in encoding: SMSEncoding) -> Int {
    switch encoding {
    case .gsm7: part.unicodeScalars.reduce(0) { $0 + GSMAlphabet.septets($1) }
    case .ucs2: part.utf16.count
    }
}

extension SMSCount: CustomStringConvertible {
    public var description: String { "\(encoding.rawValue) \(length) in \(segments) (last \(lastPartLength))" }
}
