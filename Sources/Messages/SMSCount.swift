/// How the text of a message is encoded on the air (3GPP TS 23.038 §4).
public enum SMSEncoding: String, Sendable {
    /// The GSM 7-bit default alphabet and its extension table.
    case gsm7 = "GSM7"
    /// UCS-2 (sent as UTF-16: a character outside the BMP takes a surrogate pair).
    case ucs2 = "UCS2"
}

/// The exact size of one message (3GPP TS 23.038; 23.040 for concatenation).
public struct SMSCount: Equatable, Sendable {
    public var encoding: SMSEncoding
    /// Septets (GSM-7; an extension character counts 2) or UTF-16 code units (UCS-2; an emoji outside the BMP counts 2).
    public var length: Int
    /// Number of SMS: 1 up to 160 septets / 70 units; else parts of 153 septets / 67 units, where an escape pair or a surrogate pair is never split (a part that cannot take the whole pair closes early: 153 × "]" is 3 parts).
    ///
    /// An empty text is 0 SMS (nothing to send), and `SMS.parts("")` is empty.
    public var segments: Int
    /// Septets or units in the last part. Not derivable from `length` and
    /// `segments` once a part has closed early on a pair (153 × "]" is
    /// 152 + 152 + 2), and `SMS.spare` needs it.
    var lastPartLength: Int
}

extension SMSEncoding {
    /// Septets or units one SMS holds alone (3GPP TS 23.040 §9.2.3.24: 140 octets).
    var singleCapacity: Int { self == .gsm7 ? 160 : 70 }
    /// Septets or units each part of a concatenated message holds: 140 octets
    /// less the 6-octet user data header (TS 23.040 §9.2.3.24.1), i.e. 134
    /// octets = 153 septets (7 bits of padding) or 67 UTF-16 units.
    var partCapacity: Int { self == .gsm7 ? 153 : 67 }
}
