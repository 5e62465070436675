/// French départements, as the filters (`departement`) and the reports
/// (outcomes by département) read them from postal codes.
public enum Departement {
    /// The département of a French postal code: its first two digits,
    /// `2A`/`2B` for Corsica (20000-20199 / 20200-20699), three digits
    /// overseas (971-976, 984-988). A code that lost its leading zero in an
    /// Excel number cell (`1000` for `01000`) is padded. Nil when it is not
    /// a French postal code.
    public static func of(postalCode text: UnsafeBufferPointer<UInt8>) -> String? {
        var digits: [UInt8] = []
        for byte in text {
            if byte &- UInt8(ascii: "0") < 10 {
                digits.append(byte)
            } else if byte != 0x20 && byte != 0x09 {
                return nil
            }
        }
        if digits.count == 4 { digits.insert(UInt8(ascii: "0"), at: 0) }
        guard digits.count == 5 else { return nil }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        switch code {
        case 20_000..<20_200: return "2A"
        case 20_200..<20_700: return "2B"
        case 97_000..<99_000: return String(decoding: digits.prefix(3), as: UTF8.self)
        case 1_000..<96_000: return String(decoding: digits.prefix(2), as: UTF8.self)
        default: return nil
        }
    }

    /// The same for a postal code's text.
    public static func of(postalCode text: String) -> String? {
        var text = text
        return text.withUTF8 { of(postalCode: $0) }
    }
}
