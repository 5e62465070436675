// Measures phone normalization alone: how many cells per second one core
// turns into E.164 (issue 3's budget: 10 million per second per core).
//
//   swift run -c release phone-normalization-benchmark [MILLIONS]
//
// The inputs mix the forms of Fixtures/ and Benchmarks/generate.py: spaced,
// bare, +33, 0033, dotted, dashed, lost leading zero, overseas, landlines,
// foreign, and a few invalid ones.
import Phones

#if canImport(Glibc)
import Glibc
#endif

let millions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10 : 10
let parser = try PhoneParser(defaultRegion: "FR")

nonisolated(unsafe) var generator: UInt64 = 0x5EED
func next() -> Int {
    generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: generator >> 33)
}
func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(next() % 10)) }) }
func spaced(_ text: String) -> String {
    stride(from: 0, to: text.count, by: 2).map { String(Array(text)[$0..<min($0 + 2, text.count)]) }.joined(separator: " ")
}
let forms: [() -> String] = [
    { spaced("06" + digits(8)) },
    { "07" + digits(8) },
    { "+33 6 " + spaced(digits(8)) },
    { "0033" + "6" + digits(8) },
    { spaced("06" + digits(8)).replacingSpaces(with: ".") },
    { spaced("06" + digits(8)).replacingSpaces(with: "-") },
    { "6" + digits(8) },
    { "0692 " + spaced(digits(6)) },
    { spaced("01" + digits(8)) },
    { "+32 470 " + spaced(digits(6)) },
    { "06 30 05 06 6O" },
    { "" },
]
let inputs: [[UInt8]] = (0..<4096).map { _ in Array(forms[next() % forms.count]().utf8) }

var checksum: UInt64 = 0
let total = millions * 1_000_000
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
var index = 0
for _ in 0..<total {
    inputs[index].withUnsafeBufferPointer { bytes in
        if case .number(let number) = parser.parse(bytes) { checksum &+= number.e164 }
    }
    index = (index + 1) & 4095
}
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
let rate = Double(total) / seconds
print("phone normalization: \(total) cells in \(String(format: seconds)) s = \(Int(rate / 1000) * 1000) per second on one core (\(Int(seconds / Double(total) * 1e9)) ns each; checksum \(checksum % 1000))")

extension String {
    func replacingSpaces(with separator: Character) -> String { String(map { $0 == " " ? separator : $0 }) }
    init(format seconds: Double) { self = String(Double(Int(seconds * 1000)) / 1000) }
}
