// Reading alone: what texto-import does without the phone stage. Reads a
// table the way the import does (format recognised from the content, the
// reader on a background thread) and writes every row as CSV, so that
// Benchmarks/run.sh can compare the whole import with reading alone
// (issue 3's budget: at most 10% slower).
//
//   swift run -c release table-read-benchmark INPUT OUTPUT.csv
import Tables

#if canImport(Glibc)
import Glibc
#endif

guard CommandLine.arguments.count == 3 else {
    print("usage: table-read-benchmark INPUT OUTPUT.csv")
    exit(64)
}
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
let reader = BackgroundTableReader(try TableFile.open(CommandLine.arguments[1]))
let output = try AtomicOutputFile(path: CommandLine.arguments[2])
let writer = CSVWriter(sink: output)
var rows = 0
try reader.forEachRow { row in
    rows += 1
    for index in 0..<row.count { try writer.field(row[index]) }
    try writer.endRecord()
}
try writer.flush()
try output.commit()
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
print("read \(rows) rows in \(Double(Int(seconds * 1000)) / 1000) s")
