import Foundation
import Testing
@testable import Tables

@Suite("Pipelined reader")
struct PipelinedReaderTests {
    /// What a test can see of a producer: the thread it reads on, and
    /// whether its source was let go. Held by the test, not by the source
    /// (the thread keeps its closure, which keeps the source).
    final class Probe: @unchecked Sendable {
        let released = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private weak var thread: Thread?
        private var sawThread = false

        func record(_ thread: Thread) {
            lock.withLock {
                self.thread = thread
                sawThread = true
            }
        }

        /// True once the producer thread has run and returned.
        var producerFinished: Bool {
            lock.withLock { sawThread && (thread?.isFinished ?? true) }
        }

        /// Waits until the producer has returned; false after `seconds`.
        /// A deadlock guard, not a timing: the producer is done in
        /// microseconds when it is not stuck.
        func waitForProducer(seconds: Double = 10) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while !producerFinished {
                if Date() > deadline { return false }
                usleep(1000)
            }
            return true
        }
    }

    /// An endless source of bytes that tells the probe its thread and its end.
    final class EndlessSource: ByteReader {
        let probe: Probe

        init(probe: Probe) {
            self.probe = probe
        }

        deinit {
            probe.released.signal()
        }

        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            probe.record(Thread.current)
            buffer.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "x"))
            return buffer.count
        }
    }

    struct Enough: Error {}

    @Test("a pipeline the consumer stops reading lets its producer thread end (it was left blocked for a free slot)")
    func abandonedPipelineReleasesProducer() throws {
        let probe = Probe()
        var reader: PipelinedReader? = PipelinedReader(EndlessSource(probe: probe), depth: 2, chunkSize: 100)
        var first = 0
        #expect(try reader!.withNextChunk { first = $0.count })
        #expect(first == 100)
        reader = nil
        #expect(probe.waitForProducer(), "the producer thread is still running after the reader was let go")
        #expect(probe.released.wait(timeout: .now() + 10) == .success, "the source was never released")
    }

    @Test("an error thrown by the consumer stops the producer thread (it was left blocked for a free slot)")
    func consumerErrorStopsProducer() throws {
        let probe = Probe()
        let reader = PipelinedReader(EndlessSource(probe: probe), depth: 2, chunkSize: 100)
        #expect(throws: Enough.self) { _ = try reader.withNextChunk { _ in throw Enough() } }
        #expect(probe.waitForProducer(), "the producer thread is still running after the consumer's error")
        #expect(try reader.withNextChunk { _ in } == false, "a stopped pipeline is at its end")
        var buffer = [UInt8](repeating: 0, count: 10)
        #expect(try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } == 0)
    }

    @Test("a pipeline read with read(into:) and let go midway ends its producer", arguments: [1, 2, 8])
    func abandonedAfterReads(depth: Int) throws {
        let probe = Probe()
        var reader: PipelinedReader? = PipelinedReader(EndlessSource(probe: probe), depth: depth, chunkSize: 64)
        var buffer = [UInt8](repeating: 0, count: 50)
        var total = 0
        for _ in 0..<5 {
            total += try buffer.withUnsafeMutableBytes { try reader!.read(into: $0) }
        }
        #expect(total > 0)
        reader = nil
        #expect(probe.waitForProducer(), "the producer thread is still running after the reader was let go")
        #expect(probe.released.wait(timeout: .now() + 10) == .success, "the source was never released")
    }

    @Test("a pipeline never read starts no thread and releases its source")
    func neverRead() {
        let probe = Probe()
        var reader: PipelinedReader? = PipelinedReader(EndlessSource(probe: probe))
        _ = reader
        reader = nil
        #expect(probe.released.wait(timeout: .now() + 10) == .success)
        #expect(!probe.producerFinished, "no producer ran")
    }
}
