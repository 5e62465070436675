import Foundation
import Testing
@testable import Phones

/// Every input of `Golden/phones.tsv` (made by `Golden/make-golden.py` with
/// the `phonenumbers` package, libphonenumber's metadata) gives Texto's
/// expected verdict: phonenumbers' own, except on the rows whose `why`
/// column says where Texto deliberately differs (overseas remap, letters,
/// extensions, two numbers, scientific notation, separators).
@Suite("Phone golden table")
struct PhoneGoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: Int
        var input: String
        var region: String
        var e164: String
        var kind: String
        var territory: String
        var why: String
        var testDescription: String { "line \(line): \(input.debugDescription) in \(region)" }
    }

    static let cases: [Case] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/phones.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst().compactMap { index, line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 9 else { return nil }
            return Case(line: index + 1, input: unescape(fields[0]), region: fields[1], e164: fields[5], kind: fields[6],
                        territory: fields[7], why: fields[8])
        }
    }()

    static func unescape(_ text: String) -> String {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\", let next = iterator.next() else {
                result.append(character)
                continue
            }
            switch next {
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "r": result.append("\r")
            default: result.append(next)
            }
        }
        return result
    }

    @Test("the table has the size the issue asks for")
    func size() {
        #expect(Self.cases.count >= 2000)
    }

    @Test("Texto's verdict on every input", arguments: cases)
    func verdict(_ golden: Case) throws {
        let parser = try PhoneParser(defaultRegion: golden.region)
        let result = parser.parse(golden.input)
        let context: Comment = "\(golden.input.debugDescription) in \(golden.region): got \(result)\(golden.why.isEmpty ? "" : " (\(golden.why))")"
        switch result {
        case .number(let number):
            #expect(golden.kind == number.kind.rawValue, context)
            #expect(golden.e164 == number.e164String, context)
            #expect(golden.territory == parser.plan.territories[number.territory].region, context)
        case .missing:
            #expect(golden.kind == "missing", context)
        case .invalid(let problem):
            // A plain `invalid` (or phonenumbers' `unparseable`) accepts any
            // reason; a precise one must match.
            let accepted = golden.kind == "invalid" || golden.kind == "unparseable" || golden.kind == "invalid:" + problem.rawValue
            #expect(accepted, context)
        case .foreign:
            #expect(golden.kind == "unsupported_country", context)
        }
    }
}
