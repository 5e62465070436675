import Store
import TextoCore

/// The ledger rows of an emit, handed from the thread that makes the
/// messages (reading, numbers, ids, schedule, batch files) to the thread
/// that holds the store's write transaction.
typealias LedgerPipe = BatchPipe<LedgerMessage>

extension BatchPipe where Item == LedgerMessage {
    /// Runs `produce` on a thread of its own and records every message it
    /// sends into `ledger` on this one.
    static func run<Result>(into ledger: LedgerTransaction, _ produce: @escaping (LedgerPipe) throws -> Result) throws -> Result {
        try run(name: "texto-emit", consume: { try ledger.add($0) }, produce: produce)
    }
}
