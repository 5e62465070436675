import Delivery
import Foundation
import Messages
import Phones
import Pipeline
import Tables
import Targeting
import TextoCore

/// The parsers that read what people and gateways send, as fuzz targets
/// (issue 14): each takes any bytes, and an error it throws is an answer,
/// not a finding. Only a crash, a hang, a sanitizer report or unbounded
/// memory is. `texto-fuzz` runs them under libFuzzer (`Fuzz/run.sh`); the
/// tests replay every input a fuzzer ever found (`Tests/FuzzTargetsTests`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The CSV reader: encoding, separator sniffing, Excel's quoting.
    case csv
    /// The zip and XLSX reader: the package, shared strings, sheets, styles.
    case xlsx
    /// The phone parser, on a cell's text.
    case phone
    /// The template parser, bound to a header and rendered on a row.
    case template
    /// The filter language, compiled against a header and evaluated on rows.
    case filter
    /// The delivery-report line parsers (SMPP receipt text, Kannel DLR).
    case receipt
    /// The pipeline-file loader (YAML).
    case pipeline

    /// Runs one input.
    public func run(_ data: Data) {
        switch self {
        case .csv, .xlsx: Self.table(data, extension: rawValue)
        case .phone: Self.phone(data)
        case .template: Self.template(data)
        case .filter: Self.filter(data)
        case .receipt: Self.receipt(data)
        case .pipeline: _ = try? PipelineFile.parse(String(decoding: data, as: UTF8.self), path: "/fuzz/pipeline.yaml")
        }
    }

    /// The input as a file (the readers read files), in memory when `/dev/shm` is there.
    private static let scratch: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (folder as NSString).appendingPathComponent("texto-fuzz-\(getpid())")
    }()

    private static func table(_ data: Data, extension ext: String) {
        let path = "\(scratch).\(ext)"
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let reader = try? TableFile.open(path) else { return }
        var characters = 0
        try? reader.forEachRow { row in
            for index in 0..<row.width { characters &+= row.string(at: index).count }
        }
        _ = characters
    }

    private static let parser = try! PhoneParser(defaultRegion: "FR")

    private static func phone(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = parser.parse(text)
        data.withUnsafeBytes { raw in _ = parser.parse(raw.bindMemory(to: UInt8.self)) }
    }

    static let header = ["CIVILITE", "NOM", "PRENOM", "TELEPHONE", "CODE_POSTAL", "VILLE", "DATE_NAISSANCE", "AUTORISE_SMS",
                         "DERNIERE_VISITE", "FIN_ABONNEMENT", "_phone"]
    static let rows = [
        ["M.", "LE GALL", "Yann", "06 10 00 00 01", "29200", "Brest", "14/03/1978", "Oui", "01/09/2026", "31/12/2026", "+33610000001"],
        ["Mme", "KERBRAT", "Anne", "", "97400", "Saint-Denis", "1986-11-22", "non", "", "30/11/2026", "+262692123456"],
        ["", "", "", "x", "2A004", "", "31/02/1980", "", "hier", "", ""],
    ]
    private static let today = CivilDate.parse("2026-11-30")!

    private static func template(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        _ = SMS.count(text)
        guard let template = try? Template(text), let bound = try? BoundTemplate(template, header: header) else { return }
        for (index, cells) in rows.enumerated() {
            RowStorage.withRow(cells, number: index + 2) { row in
                var lengths: [Int] = []
                _ = bound.render(row, onEmpty: .blank, lengths: &lengths)
            }
        }
    }

    private static func filter(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        guard let filter = try? Filter(text, header: header, sample: rows, today: today) else { return }
        for (index, cells) in rows.enumerated() {
            RowStorage.withRow(cells, number: index + 2) { row in _ = filter.evaluate(row) }
        }
    }

    private static func receipt(_ data: Data) {
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            _ = ReceiptParser.parse(line)
            _ = KannelDLR.parse(line)
        }
    }
}
