import Testing
import TextoCore

@Suite("Decimal digits")
struct DecimalDigitsTests {
    @Test("digits as String(value) writes them, zero-padded to the width", arguments: [
        (UInt64(0), 0, "0"), (7, 2, "07"), (42, 2, "42"), (123, 2, "123"), (2026, 4, "2026"), (5, 4, "0005"),
        (0, 3, "000"), (99, 0, "99"), (100, 0, "100"), (33_630_050_660, 0, "33630050660"),
        (UInt64.max, 0, "18446744073709551615"), (10_000_000_000_000_000_000, 0, "10000000000000000000"),
    ])
    func appended(_ value: UInt64, _ width: Int, _ expected: String) {
        var bytes = Array("x".utf8)
        bytes.appendDecimal(value, width: width)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + expected)
        #expect(decimalDigitCount(value) == String(value).count)
    }

    @Test("every power of ten and its neighbours, written in place")
    func powersOfTen() {
        var power: UInt64 = 1
        for _ in 0..<20 {
            for value in [power - 1, power, power + 1] {
                var target = [UInt8](repeating: 0, count: 24)
                let count = target.withUnsafeMutableBufferPointer { writeDecimal(value, to: $0.baseAddress!) }
                #expect(String(decoding: target[..<count], as: UTF8.self) == String(value))
            }
            power = power.multipliedReportingOverflow(by: 10).partialValue
        }
    }
}
