// Writing a report sheet: ROWS messages of 8 columns (phone and name inline,
// file name, row number, send time, status, receipt time, error code), as
// texto-report's XLSX output will. Benchmarks/xlsx_peer.py writes the same
// rows with Python's XlsxWriter (constant_memory) for Benchmarks/xlsx.sh.
//
//   xlsx-write-benchmark OUTPUT.xlsx [ROWS] [--level N] [--foreground]
//
// --level: zlib's level (default 1); --foreground: compress on the
// formatting thread instead of a second one.
import Tables

#if canImport(Glibc)
import Glibc
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
var tuning = XLSXWriter.Tuning()
if let index = arguments.firstIndex(of: "--level"), index + 1 < arguments.count, let level = Int32(arguments[index + 1]) {
    tuning.compressionLevel = level
    arguments.removeSubrange(index...index + 1)
}
if let index = arguments.firstIndex(of: "--foreground") {
    tuning.compressesInBackground = false
    arguments.remove(at: index)
}
guard arguments.count == 1 || arguments.count == 2, let rows = Int(arguments.count == 2 ? arguments[1] : "1000000") else {
    print("usage: xlsx-write-benchmark OUTPUT.xlsx [ROWS] [--level N] [--foreground]")
    exit(64)
}

/// SplitMix64, as in xlsx_peer.py: both write the same rows.
struct Generator {
    var state: UInt64 = 20_261_130
    mutating func next(_ bound: UInt64) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % bound)
    }
}

let first = ["Yann", "Anne", "Zoé", "Hélène", "Louis", "Mael", "Chloé", "Jean-Pierre", "Inès", "Noah"]
let last = ["LE GALL", "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY", "MOREAU"]
let files = ["clients-brest.xlsx", "clients-rennes.xlsx", "prospects 2026.csv"]
let errors = ["", "E001 absent subscriber", "E027 unknown number", "E069 rejected by operator", "E255 network failure"]
/// 2026-11-28T16:00:00 on the wall clock; 50 messages a second.
let start = 1_795_881_600

var clock = timespec()
clock_gettime(CLOCK_MONOTONIC, &clock)
let began = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9

let writer = try XLSXWriter(path: arguments[0], tuning: tuning)
try writer.startSheet(named: "Messages", header: ["Téléphone", "Nom", "Fichier", "Ligne", "Envoi", "Statut", "Accusé", "Erreur"],
                      widths: [14, 24, 20, 8, 19, 10, 19, 28])
var random = Generator()
for row in 0..<rows {
    let phone = "06" + String(10_000_000 + random.next(90_000_000))
    let name = first[random.next(10)] + " " + last[random.next(10)]
    let sent = start + row / 50
    let draw = random.next(100)
    let status = draw < 85 ? "delivered" : draw < 95 ? "failed" : draw < 98 ? "expired" : "pending"
    let receipt: XLSXCell = status == "pending" ? .empty : .dateTime(sent + 3 + random.next(60))
    let error: XLSXCell = status == "failed" ? .text(errors[1 + random.next(4)]) : .empty
    try writer.appendRow([.uniqueText(phone), .uniqueText(name), .text(files[row % 3]), .integer(row + 2),
                          .dateTime(sent), .text(status), receipt, error])
}
try writer.commit()

clock_gettime(CLOCK_MONOTONIC, &clock)
let seconds = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 - began
print("wrote \(rows) rows in \(Double(Int(seconds * 1000)) / 1000) s")
