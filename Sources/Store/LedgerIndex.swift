import Foundation

/// The messages of the campaigns an ingest's reports speak of, in memory,
/// a whole campaign at a time: a receipt's id (ours or the SMSC's) finds
/// its message without a query, and the message's outcome and the reports
/// seen for it are at hand. A campaign is loaded the first time a report
/// names one of its messages (found by a query); its messages take
/// consecutive slots.
///
/// Memory follows the messages of the campaigns concerned (about 150 bytes
/// each), not the number of reports: a report file ten times larger about
/// the same campaign needs no more.
final class LedgerIndex {
    /// Per slot: the message id's key (ids longer than a key in `longIDs`), its number, its outcome.
    // The arrays and tables below are touched several times per receipt:
    // Swift's run-time exclusivity checks on them showed in profiles, and
    // nothing here is reentrant.
    @exclusivity(unchecked) private(set) var keys: [MessageKey?] = []
    private var longIDs: [Int32: String] = [:]
    @exclusivity(unchecked) private(set) var phones: [String] = []
    @exclusivity(unchecked) var states: [OutcomeCode] = []
    /// Per slot, whether the store held an outcome for it when it was loaded.
    @exclusivity(unchecked) private(set) var stored: [Bool] = []
    /// The message ids and SMSC ids of the loaded campaigns.
    @exclusivity(unchecked) private var slots: [MessageKey: Int32] = [:]
    private var longSlots: [String: Int32] = [:]
    private var campaigns: Set<String> = []
    /// Per slot, its campaign, in `campaignIDs`.
    private var campaignOfSlot: [UInt16] = []
    private var campaignIDs: [String] = []
    /// Up to two reports seen per message (`ReportKey`), more in `moreSeen`.
    @exclusivity(unchecked) private var seen: [(UInt64, UInt64)] = []
    private var moreSeen: [Int32: [UInt64]] = [:]
    @exclusivity(unchecked) private var statusCodes: [String: UInt64] = [:]

    private let countMessages: any SQLStatement
    private let findMessage: any SQLStatement
    private let findSubmission: any SQLStatement
    private let loadMessages: any SQLStatement
    private let loadSubmissions: any SQLStatement
    private let loadEvents: any SQLStatement
    private let db: any SQLConnection

    init(_ db: any SQLConnection) throws {
        self.db = db
        countMessages = try db.prepare( "SELECT count(*) FROM messages WHERE campaign_id = ?")
        findMessage = try db.prepare("SELECT campaign_id FROM messages WHERE id = ?")
        findSubmission = try db.prepare("""
            SELECT campaign_id, message_id FROM submissions WHERE provider_message_id = ?
            """)
        loadMessages = try db.prepare("""
            SELECT m.id, m.phone, o.state FROM messages m LEFT JOIN outcomes o ON o.message_id = m.id WHERE m.campaign_id = ?
            """)
        loadSubmissions = try db.prepare("""
            SELECT provider_message_id, message_id FROM submissions WHERE campaign_id = ?
            """)
        loadEvents = try db.prepare("""
            SELECT e.message_id, e.status, e.done_at FROM messages m JOIN events e ON e.message_id = m.id WHERE m.campaign_id = ?
            """)
    }

    /// The message whose id, or SMSC id, is `id` (normalized); its campaign
    /// is loaded when it was not.
    func slot(of id: String) throws -> Int32? {
        let key = MessageKey(normalizing: id)
        if let slot = key.flatMap({ slots[$0] }) ?? longSlots[id] { return slot }
        return try find(id, key: key)
    }

    /// The same for an id's key (the common case, without a string).
    func slot(of key: MessageKey) throws -> Int32? {
        if let slot = slots[key] { return slot }
        return try find(key.text, key: key)
    }

    /// Calls `body` with the stored id's bytes.
    func withID<T>(_ slot: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        if let key = keys[Int(slot)] { return try key.withBytes(body) }
        var text = longIDs[slot]!
        return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    /// The campaign of the message in slot `slot`.
    func campaign(_ slot: Int32) -> String {
        campaignIDs[Int(campaignOfSlot[Int(slot)])]
    }

    /// The message id in slot `slot`, as stored.
    func id(_ slot: Int32) -> String {
        keys[Int(slot)]?.text ?? longIDs[slot]!
    }

    /// Makes an SMSC id an id of the message in `slot`.
    func add(_ key: MessageKey, to slot: Int32) {
        slots[key] = slot
    }

    /// The same for an id without a key (normalized).
    func add(_ providerID: String, to slot: Int32) {
        if let key = MessageKey(normalizing: providerID) { slots[key] = slot } else { longSlots[providerID] = slot }
    }

    /// Asks the store for a message not in memory; loads its campaign.
    private func find(_ id: String, key: MessageKey?) throws -> Int32? {
        var found: (campaign: String, id: String)?
        findMessage.bind(1, id)
        try findMessage.forEachRow { row in found = (row.text(0) ?? "", id) }
        if found == nil {
            findSubmission.bind(1, id)
            try findSubmission.forEachRow { row in found = (row.text(0) ?? "", row.text(1) ?? "") }
        }
        guard let found, !campaigns.contains(found.campaign) else { return nil }
        try load(campaign: found.campaign)
        return key.flatMap { slots[$0] } ?? longSlots[id]
    }

    /// Loads a campaign's messages, their outcomes, SMSC ids and the reports recorded for them.
    private func load(campaign: String) throws {
        // On PostgreSQL, an emit rewriting this campaign's ledger (--replace) waits for the ingest, and the ingest for it.
        try TextoStore.lockInTransaction(campaign: campaign, db, shared: true)
        campaigns.insert(campaign)
        var count = 0
        countMessages.bind(1, campaign)
        try countMessages.forEachRow { count = Int($0.integer(0)) }
        // An SMSC id for each message, probably.
        slots.reserveCapacity(slots.count + 2 * count)
        let total = keys.count + count
        let campaignIndex = UInt16(truncatingIfNeeded: campaignIDs.count)
        campaignIDs.append(campaign)
        campaignOfSlot.reserveCapacity(total)
        keys.reserveCapacity(total)
        phones.reserveCapacity(total)
        states.reserveCapacity(total)
        stored.reserveCapacity(total)
        seen.reserveCapacity(total)
        loadMessages.bind(1, campaign)
        try loadMessages.forEachRow { row in
            let slot = Int32(keys.count)
            let bytes = row.bytes(0)
            let key = MessageKey(normalizing: bytes)
            // An id not in the form receipts are compared in (not one Texto makes) is matched as written.
            if let key, key.withBytes({ $0.elementsEqual(bytes) }) {
                keys.append(key)
                slots[key] = slot
            } else {
                let text = String(decoding: bytes, as: UTF8.self)
                keys.append(nil)
                longIDs[slot] = text
                longSlots[text] = slot
            }
            phones.append(String(decoding: row.bytes(1), as: UTF8.self))
            states.append(row.isNull(2) ? .none : OutcomeCode(row.bytes(2)))
            stored.append(!row.isNull(2))
            seen.append((0, 0))
            campaignOfSlot.append(campaignIndex)
        }
        loadSubmissions.bind(1, campaign)
        try loadSubmissions.forEachRow { row in
            let provider = String(decoding: row.bytes(0), as: UTF8.self)
            guard let slot = try slotInMemory(String(decoding: row.bytes(1), as: UTF8.self)) else { return }
            add(provider, to: slot)
        }
        loadEvents.bind(1, campaign)
        try loadEvents.forEachRow { row in
            guard let slot = try slotInMemory(String(decoding: row.bytes(0), as: UTF8.self)) else { return }
            let doneAt = row.text(2).flatMap(StoreTime.date).map { Int($0.timeIntervalSince1970) }
            _ = remember(slot, status: String(decoding: row.bytes(1), as: UTF8.self), doneAt: doneAt)
        }
    }

    private func slotInMemory(_ id: String) throws -> Int32? {
        MessageKey(normalizing: id).flatMap { slots[$0] } ?? longSlots[id]
    }

    /// Notes a report (its status and done date) for the message in `slot`;
    /// false when the same was noted before (a duplicate).
    func remember(_ slot: Int32, status: String, doneAt: Int?) -> Bool {
        let code = statusCodes[status] ?? {
            let code = UInt64(statusCodes.count + 1)
            statusCodes[status] = code
            return code
        }()
        // Exact while there are fewer than 2^15 status words and times fit 32 bits (until 2106).
        guard code < 1 << 15, (doneAt ?? 0) >= 0, (doneAt ?? 0) < 1 << 32 else { return rememberLong(slot, status: status, doneAt: doneAt) }
        let report = 1 << 63 | code << 48 | (doneAt == nil ? 0 : 1 << 47) | UInt64(doneAt ?? 0)
        let index = Int(slot)
        let pair = seen[index]
        if pair.0 == report || pair.1 == report { return false }
        if pair.0 == 0 {
            seen[index].0 = report
        } else if pair.1 == 0 {
            seen[index].1 = report
        } else {
            if moreSeen[slot]?.contains(report) == true { return false }
            moreSeen[slot, default: []].append(report)
        }
        return true
    }

    /// Reports of more status words than a code holds, kept by their text.
    private var longSeen: Set<String> = []

    private func rememberLong(_ slot: Int32, status: String, doneAt: Int?) -> Bool {
        longSeen.insert("\(slot)\u{0}\(status)\u{0}\(doneAt.map(String.init) ?? "")").inserted
    }
}

/// An outcome state as the ingest keeps it per message in memory.
enum OutcomeCode: UInt8 {
    case none, pending, expired, failed, delivered, unknown

    init(_ text: UnsafeRawBufferPointer) {
        switch String(decoding: text, as: UTF8.self) {
        case "pending": self = .pending
        case "expired": self = .expired
        case "failed": self = .failed
        case "delivered": self = .delivered
        default: self = .unknown
        }
    }

    init(_ text: String) {
        var text = text
        self = text.withUTF8 { OutcomeCode(UnsafeRawBufferPointer($0)) }
    }

    /// The state as stored; nil for none.
    var text: String? {
        switch self {
        case .none: return nil
        case .pending: return "pending"
        case .expired: return "expired"
        case .failed: return "failed"
        case .delivered: return "delivered"
        case .unknown: return "unknown"
        }
    }
}
