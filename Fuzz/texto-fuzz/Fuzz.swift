import Foundation
import FuzzTargets

/// The target `TEXTO_FUZZ_TARGET` names (csv, xlsx, phone, template, filter, receipt, pipeline).
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["TEXTO_FUZZ_TARGET"] ?? ""
    guard let chosen = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("texto-fuzz: set TEXTO_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    return chosen
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    target.run(data)
    return 0
}
