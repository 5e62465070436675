/// The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1) as a lookup table:
/// how many septets a Unicode scalar takes, or 0 when it has no GSM-7 code.
enum GSMAlphabet {
    /// The basic table in code order (0x00-0x7F), without the escape (0x1B),
    /// which is not a character. Capital `Ç` at 0x09: the 3GPP table has no
    /// small `ç` (DOMAIN.md §2; Twilio agrees), so `ç` forces UCS-2.
    static let basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

    /// The extension table (TS 23.038 §6.2.1.1): escape 0x1B then a code,
    /// so 2 septets each. Form feed, `^ { } \ [ ~ ] |` and `€`.
    static let extended = "\u{0C}^{}\\[~]|€"

    /// The euro sign, the only GSM character above the table.
    static let euro: UInt32 = 0x20AC

    /// Septets per scalar for every scalar below `table.count` (the last
    /// GSM character there is `Ω`, U+03A9).
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x3AA)
        for scalar in basic.unicodeScalars { table[Int(scalar.value)] = 1 }
        for scalar in extended.unicodeScalars where scalar.value < 0x3AA { table[Int(scalar.value)] = 2 }
        return table
    }()

    /// Septets `scalar` takes in GSM-7: 1 (basic), 2 (extension) or 0 (none).
    @inline(__always)
    static func septets(_ scalar: UInt32, in table: UnsafeBufferPointer<UInt8>) -> Int {
        if scalar < UInt32(table.count) { return Int(table[Int(scalar)]) }
        return scalar == euro ? 2 : 0
    }

    /// Septets `scalar` takes in GSM-7: 1 (basic), 2 (extension) or 0 (none).
    static func septets(_ scalar: Unicode.Scalar) -> Int {
        table.withUnsafeBufferPointer { septets(scalar.value, in: $0) }
    }

    /// Whether every scalar of `character` has a GSM-7 code.
    static func contains(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { septets($0) > 0 }
    }
}
