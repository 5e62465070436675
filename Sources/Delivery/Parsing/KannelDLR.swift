import Foundation

/// A Kannel delivery report as the application's `dlr-url` receives it,
/// one request per line of a log (a web server's access log, or the
/// application's own): the query's `type=%d` (1 delivered to the phone,
/// 2 not delivered to the phone, 4 queued on the SMSC, 8 delivered to the
/// SMSC, 16 not delivered to the SMSC), our id in the parameter the
/// `dlr-url` put it in (`id`, `msgid`, `message_id`, `ref`...), and often
/// `%A`, the SMSC's receipt text, percent-encoded.
public struct KannelDLR: Sendable, Equatable {
    public var type: Int
    /// Our id as the `dlr-url` carried it.
    public var id: String
    /// The SMSC's receipt, decoded, when the line carries one.
    public var receipt: ParsedReceipt?

    /// Parameters that may carry our id, in the order they are looked for.
    static let idParameters = ["id", "msgid", "message_id", "messageid", "myid", "ref", "reference", "smsid"]

    /// The report in `line`, or nil when the line holds no `type=` with an id.
    public static func parse(_ line: some StringProtocol) -> KannelDLR? {
        guard let query = line.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        var parameters: [String: String] = [:]
        for pair in query.prefix(while: { $0 != " " && $0 != "\"" }).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ")
            parameters[String(parts[0]).lowercased()] = value.removingPercentEncoding ?? value
        }
        guard let typeText = parameters["type"], let type = Int(typeText), [1, 2, 4, 8, 16].contains(type),
              let id = idParameters.lazy.compactMap({ parameters[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let receipt = parameters.values.lazy.compactMap { ReceiptParser.parse($0) }.first
        return KannelDLR(type: type, id: id, receipt: receipt)
    }

    /// What the report says of the message: the receipt's own state when
    /// it carries one, else the type's.
    public var outcome: ReceiptOutcome {
        if let receipt { return receipt.outcome }
        switch type {
        case 1: return .delivered
        case 2, 16: return .failed
        default: return .pending
        }
    }

    /// The status to keep with the event: the receipt's word, else the type's name.
    public var status: String {
        receipt?.statWord ?? ["1": "DELIVERED", "2": "UNDELIVERED", "4": "QUEUED", "8": "SMSC_ACCEPTED", "16": "SMSC_REJECTED"][String(type)]!
    }
}
