/// One message as a gateway takes it: the rendered text, to whom, from
/// which sender, when, and the id its delivery report will carry back.
public struct GatewayMessage: Sendable, Equatable {
    /// How the text goes on the air (3GPP TS 23.038 §4); the raw values are
    /// the render stage's (`SMSEncoding` in Messages).
    public enum Encoding: String, Sendable {
        /// The GSM 7-bit default alphabet and its extension table.
        case gsm7 = "GSM7"
        /// UCS-2 (UTF-16 on the air).
        case ucs2 = "UCS2"
    }

    /// Our client reference, written into every format.
    public var id: MessageID
    /// The recipient in E.164 (`+33630050660`).
    public var to: String
    /// The sender: an alphanumeric name or a number.
    public var from: String
    /// The text as rendered.
    public var text: String
    public var encoding: Encoding
    /// SMS units the text takes.
    public var segments: Int
    /// The campaign id (`noel-2026`).
    public var campaign: String
    /// When to send: Unix seconds (UTC).
    public var sendAt: Int
    /// Seconds east of UTC in Europe/Paris at `sendAt` (3600 or 7200),
    /// given by the caller, who knows the zone: the writers only add it
    /// to `sendAt` to get the local time they print.
    public var sendAtOffset: Int

    public init(id: MessageID, to: String, from: String, text: String, encoding: Encoding, segments: Int,
                campaign: String, sendAt: Int, sendAtOffset: Int) {
        self.id = id
        self.to = to
        self.from = from
        self.text = text
        self.encoding = encoding
        self.segments = segments
        self.campaign = campaign
        self.sendAt = sendAt
        self.sendAtOffset = sendAtOffset
    }
}
