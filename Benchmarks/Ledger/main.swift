// Measures the ledger write of texto-emit alone: N messages recorded in one
// transaction into a new store, with the ledger's indexes (issue 9: a
// million in well under the 5 s the whole emit may take, and at most half
// of what the sqlite3 shell takes to bulk-load the same columns; see
// Benchmarks/ledger_sqlite3.sh for that peer).
//
//   swift run -c release ledger-benchmark [MESSAGES] [STORE]
//
// Ids are 20 base-36 characters in hash order, as MessageID makes them
// (inserting them is what costs: a random-order primary key).
import Foundation
import Gateway
import Store

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let path = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : NSTemporaryDirectory() + "ledger-benchmark-\(getpid()).sqlite"
for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) }

let store = try TextoStore(path: path)
try store.insertCampaign(id: "noel-2026", name: "Noël 2026", type: .marketing, sender: "KERKAFE")
let start = Date(timeIntervalSince1970: 1_795_900_000)
let clock = ContinuousClock()
let began = clock.now
let added = try store.recordLedger { ledger in
    for index in 0..<count {
        let phone = "+336\(10_000_000 + index)"
        try ledger.add(LedgerMessage(
            id: MessageID(campaign: "noel-2026", e164: phone).text, campaignID: "noel-2026", phone: phone,
            sourceFile: "clients.xlsx#Feuil1", sourceRow: index + 2, textLength: 132, segments: 1, encoding: "GSM7",
            scheduledAt: start.addingTimeInterval(Double(index / 50)), batchFile: "noel-2026.csv",
            contactName: "CLIENT \(index)", postalCode: "29200"))
    }
    return ledger.added
}
// LEDGER_CSV=FILE also writes the same rows as CSV, for the sqlite3 peer.
if let csvPath = ProcessInfo.processInfo.environment["LEDGER_CSV"] {
    var text = "id,campaign_id,phone,source_file,source_row,text_length,segments,encoding,scheduled_at,batch_file,contact_name,postal_code,is_test,created_at\n"
    text.reserveCapacity(count * 160)
    for index in 0..<count {
        let phone = "+336\(10_000_000 + index)"
        let at = StoreTime.text(start.addingTimeInterval(Double(index / 50)))
        text += "\(MessageID(campaign: "noel-2026", e164: phone).text),noel-2026,\(phone),clients.xlsx#Feuil1,\(index + 2),132,1,GSM7,\(at),noel-2026.csv,CLIENT \(index),29200,0,2026-11-29T10:00:00Z\n"
    }
    try text.write(toFile: csvPath, atomically: true, encoding: .utf8)
}
let seconds = Double((clock.now - began).components.attoseconds) / 1e18 + Double((clock.now - began).components.seconds)
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("ledger: \(added) messages in \(String(format: "%.2f", seconds)) s (\(Int(Double(added) / seconds)) messages/s), store \(size >> 20) MiB")
if CommandLine.arguments.count <= 2 {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
