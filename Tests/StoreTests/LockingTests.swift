import Foundation
import GRDB
import TestSupport
import Testing
@testable import Store

/// Two processes on one store: the second writer waits for the first, up to
/// the busy timeout, then reports the store locked (exit 75).
@Suite("Locking", .serialized)
struct LockingTests {
    /// Another connection that holds the write lock from `started` until
    /// the test signals `release`. Holding for no fixed time keeps the tests
    /// free of wall-clock assertions; the 30 s is only a guard against a
    /// test that hangs, and `timedOut` says whether it was hit.
    final class LockHolder: @unchecked Sendable {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        private let group = DispatchGroup()
        private(set) var timedOut = false

        init(_ path: String) {
            DispatchQueue.global().async(group: group) { [self] in
                do {
                    let holder = try TextoStore(path: path)
                    try holder.queue.write { db in
                        try db.execute(sql: "INSERT INTO texto_meta (key, value) VALUES ('lock-test', 'x')")
                        started.signal()
                        timedOut = release.wait(timeout: .now() + 30) == .timedOut
                    }
                } catch {
                    started.signal()
                }
            }
            started.wait()
        }

        /// Lets the holder commit, and waits until it has.
        func finish() {
            release.signal()
            group.wait()
        }
    }

    @Test("a writer still locked out after the busy timeout gets StoreError.locked, category temporary")
    func reportsLocked() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        _ = try TextoStore(path: path)
        let holder = LockHolder(path)
        let store = try TextoStore(path: path, busyTimeout: 0.2)
        let error = #expect(throws: StoreError.self) {
            try store.addSuppressions([number("0630050660")], reason: .stop, source: "t")
        }
        #expect(error?.code == .locked)
        #expect(error?.category == .temporary)
        holder.finish()
        #expect(!holder.timedOut)
    }

    @Test("readers are never blocked by a writer (WAL), and a writer waits for the lock within the busy timeout")
    func waits() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        _ = try TextoStore(path: path)
        let holder = LockHolder(path)
        let store = try TextoStore(path: path, busyTimeout: 30)
        // The read completes while the lock is held: had it waited, the
        // holder would have been released by its guard, not by the test.
        #expect(try store.suppressions().isEmpty)
        let writer = DispatchGroup()
        nonisolated(unsafe) var result: Result<Int, any Error>?
        DispatchQueue.global().async(group: writer) {
            result = Result { try store.addSuppressions([number("0630050660")], reason: .stop, source: "t").added }
        }
        holder.finish()
        #expect(!holder.timedOut, "the reader waited for the writer")
        writer.wait()
        #expect(try result?.get() == 1)
    }
}
