import Messages
import Phones
import TableStage
import Tables
import TextoCore

/// Reads `texto-render`'s messages file row by row for the emitter: the
/// number, the text (counted again: the file may have been edited since),
/// where the contact came from, and the name and postal code the reports
/// use. Rows that cannot be sent and numbers dropped at the last moment go
/// to their files with `_reason`.
final class MessageRows: RowStage {
    private let path: String
    private let emitter: MessageEmitter
    private let parser: PhoneParser
    private let excluded: CSVWriter?
    private let rejects: CSVWriter?
    private(set) var counts = Counts()

    struct Counts {
        var rows = 0
        var excluded: [String: Int] = [:]
        var rejects: [String: Int] = [:]
        var recounted = 0
    }

    private var header = StageHeader([])
    private var columns = Columns()

    /// Where each column the emit reads is; nil when the file lacks it.
    struct Columns {
        var phone = 0, text = 0
        var encoding: Int?, segments: Int?
        var source: Int?, row: Int?
        var firstName: Int?, lastName: Int?, fullName: Int?
        var postalCode: Int?
    }

    init(path: String, emitter: MessageEmitter, parser: PhoneParser, excluded: CSVWriter?, rejects: CSVWriter?) {
        self.path = path
        self.emitter = emitter
        self.parser = parser
        self.excluded = excluded
        self.rejects = rejects
    }

    /// Header synonyms of the columns kept in the ledger for the reports.
    static let firstNameHeaders = ["prenom", "prénom", "first name", "firstname", "given name"]
    static let lastNameHeaders = ["nom", "nom de famille", "last name", "lastname", "surname", "family name"]
    static let fullNameHeaders = ["nom complet", "name", "full name", "client", "contact", "raison sociale"]
    static let postalCodeHeaders = ["code postal", "cp", "postal code", "postcode", "zip", "zip code", "code_postal"]

    func start(header: StageHeader) throws {
        self.header = header
        // Texto's columns by their exact name: `PHONE` is the user's column, not `_phone`.
        func owned(_ name: String) -> Int? { header.names.firstIndex { ColumnKey.of($0) == name } }
        let missing = [OwnedColumn.phone, OwnedColumn.text].filter { owned($0) == nil }
        guard missing.isEmpty, let phone = owned(OwnedColumn.phone), let text = owned(OwnedColumn.text) else {
            throw GatewayError(
                .missingColumns, at: DataLocation(file: path, row: 1),
                "the file has no \(missing.joined(separator: " and ")) column\(missing.count > 1 ? "s" : "")",
                hint: "Give the messages file texto-render wrote (messages.csv): it has _phone, _text, _encoding and _segments.")
        }
        func find(_ names: [String]) -> Int? {
            names.lazy.compactMap { header.index(of: $0) }.first { !OwnedColumn.isOwned(header.names[$0]) }
        }
        columns = Columns(
            phone: phone, text: text, encoding: owned(OwnedColumn.encoding), segments: owned(OwnedColumn.segments),
            source: owned(OwnedColumn.source), row: owned(OwnedColumn.row),
            firstName: find(Self.firstNameHeaders), lastName: find(Self.lastNameHeaders), fullName: find(Self.fullNameHeaders),
            postalCode: find(Self.postalCodeHeaders))
        let withReason = header.inserting([OwnedColumn.reason])
        try excluded?.record(withReason)
        try rejects?.record(withReason)
    }

    func take(_ row: Row) throws {
        counts.rows += 1
        let phone: PhoneNumber
        switch Self.mobile(parser.parse(row[columns.phone])) {
        case .success(let number): phone = number
        case .failure(let reason): return try reject(row, reason.code)
        }
        if let reason = emitter.exclusion(of: phone) {
            counts.excluded[reason.lowercased(), default: 0] += 1
            try excluded?.record(row, width: header.count, inserting: header.ownedPrefix) { try excluded?.field(reason.lowercased()) }
            return
        }
        let text = row.string(at: columns.text)
        let count = SMS.count(text)
        if let index = columns.segments, let segments = Int(row.string(at: index)), segments != count.segments {
            counts.recounted += 1
        } else if let index = columns.encoding, row.string(at: index) != count.encoding.rawValue, count.segments > 0 {
            counts.recounted += 1
        }
        let message = PendingMessage(
            phone: phone, text: text, count: count,
            source: columns.source.map { row.string(at: $0) }.flatMap { $0.isEmpty ? nil : $0 },
            row: columns.row.flatMap { Int(row.string(at: $0)) }.flatMap { $0 >= 1 ? $0 : nil },
            contactName: contactName(row), postalCode: columns.postalCode.map { row.string(at: $0) }.flatMap { $0.isEmpty ? nil : $0 })
        if let reason = emitter.rejection(of: message) { return try reject(row, reason) }
        try emitter.emit(message)
    }

    func finish() throws {}

    /// The number if it can receive an SMS, else why not.
    static func mobile(_ parse: PhoneParse) -> Result<PhoneNumber, RejectReason> {
        if let reason = parse.rejection { return .failure(reason) }
        guard case .number(let number) = parse else { return .failure(.missing) }
        return number.kind.receivesSMS ? .success(number) : .failure(.notMobile(number.kind))
    }

    /// "Prénom Nom", or the one name column there is.
    private func contactName(_ row: Row) -> String? {
        let parts = [columns.firstName, columns.lastName].compactMap { $0 }.map { row.string(at: $0) }.filter { !$0.isEmpty }
        if !parts.isEmpty { return parts.joined(separator: " ") }
        return columns.fullName.map { row.string(at: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private func reject(_ row: Row, _ reason: String) throws {
        counts.rejects[reason, default: 0] += 1
        try rejects?.record(row, width: header.count, inserting: header.ownedPrefix) { try rejects?.field(reason) }
    }
}
