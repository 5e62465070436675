import Testing
@testable import Contacts

@Suite("Deduplicator")
struct DeduplicatorTests {
    @Test("every number is claimed once, at its first place, across the table's growth; warming changes nothing")
    func claims() {
        var seen = Deduplicator(capacity: 16)
        let numbers = (0..<100_000).map { 33_600_000_000 + UInt64($0) * 7919 }
        for (index, number) in numbers.enumerated() {
            if index % 3 == 0 { seen.warm(number) }
            #expect(seen.claim(number, source: index % 4, row: index + 2) == nil)
        }
        #expect(seen.count == numbers.count)
        for (index, number) in numbers.enumerated().reversed() {
            seen.warm(number)
            let first = seen.claim(number, source: 9, row: 1)
            #expect(first?.source == index % 4 && first?.row == index + 2)
        }
        #expect(seen.count == numbers.count)
    }
}
