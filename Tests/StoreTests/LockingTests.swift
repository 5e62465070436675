import Foundation
import GRDB
import Testing
@testable import Store

/// Two processes on one store: the second writer waits for the first, up to
/// the busy timeout, then reports the store locked (exit 75).
@Suite("Locking", .serialized)
struct LockingTests {
    /// Holds the write lock from another connection for `seconds`.
    static func holdWriteLock(_ path: String, seconds: TimeInterval, started: DispatchSemaphore) -> DispatchGroup {
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do {
                let holder = try TextoStore(path: path)
                try holder.queue.write { db in
                    try db.execute(sql: "INSERT INTO texto_meta (key, value) VALUES ('lock-test', 'x')")
                    started.signal()
                    Thread.sleep(forTimeInterval: seconds)
                }
            } catch {
                started.signal()
            }
        }
        return group
    }

    @Test("a writer still locked out after the busy timeout gets StoreError.locked, category temporary")
    func reportsLocked() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        _ = try TextoStore(path: path)
        let started = DispatchSemaphore(value: 0)
        let holder = Self.holdWriteLock(path, seconds: 1.5, started: started)
        started.wait()
        let store = try TextoStore(path: path, busyTimeout: 0.2)
        let error = #expect(throws: StoreError.self) {
            try store.addSuppressions([number("0630050660")], reason: .stop, source: "t")
        }
        #expect(error?.code == .locked)
        #expect(error?.category == .temporary)
        holder.wait()
    }

    @Test("a writer waits for the lock within the busy timeout, and readers are never blocked")
    func waits() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("texto.sqlite")
        _ = try TextoStore(path: path)
        let started = DispatchSemaphore(value: 0)
        let holder = Self.holdWriteLock(path, seconds: 0.5, started: started)
        started.wait()
        let store = try TextoStore(path: path, busyTimeout: 5)
        let reading = Date()
        #expect(try store.suppressions().isEmpty)
        #expect(Date().timeIntervalSince(reading) < 0.4, "WAL: a reader does not wait for the writer")
        let result = try store.addSuppressions([number("0630050660")], reason: .stop, source: "t")
        #expect(result.added == 1)
        holder.wait()
    }
}
