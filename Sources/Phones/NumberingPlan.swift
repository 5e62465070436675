/// The numbering plans of the territories Texto's users' customers live in:
/// for each territory, its country code, its trunk prefix and, for each
/// length of national number, the kind of every range (`NumberingPlan+Data.swift`,
/// generated from libphonenumber's metadata by `numbering-plan.py`).
///
/// A range is found by the longest listed prefix of the national
/// significant number (NSN); lookups walk a digit trie, so classifying a
/// number costs a few array reads.
public final class NumberingPlan: @unchecked Sendable {
    /// One territory: a region with its own plan, possibly sharing its
    /// country code with others (+590: GP, BL, MF; +262: RE, YT).
    public struct Territory: Sendable {
        /// ISO 3166 region code (`FR`, `RE`).
        public let region: String
        package let countryCode: Int
        /// The digit dialled before the NSN at home (`0`), nil when none (IT, LU).
        package let trunkPrefix: UInt8?
        /// NSN lengths this territory uses, shortest first.
        public fileprivate(set) var lengths: [Int]
    }

    /// Longest NSN the plans use (E.164 allows 15 digits with the country code).
    package static let maximumLength = 17

    public private(set) var territories: [Territory] = []
    /// Territories by country code.
    private var byCountryCode: [Int: [Int]] = [:]
    /// Digit trie: 10 children per node (-1 = none), and a kind per node
    /// (`noKind` when the node only leads further).
    private var children: [Int32] = []
    /// Trie root per (territory, length): `roots[territory * stride + length]`, -1 when unused.
    private var roots: [Int32] = []
    private static let stride = maximumLength + 1
    private var kinds: [UInt8] = []
    private static let noKind: UInt8 = 255
    private static let allKinds = PhoneKind.allCases

    /// The plan Texto ships.
    public static let standard: NumberingPlan = {
        do {
            return try NumberingPlan(parsing: table)
        } catch {
            fatalError("the built-in numbering plan does not parse: \(error)")
        }
    }()

    /// Reads a table in the format of `NumberingPlan+Data.swift`. The plan
    /// is immutable once read (hence safe to share between threads).
    package init(parsing text: String) throws {
        var current: Int?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ")
            if fields.first == "territory" {
                guard fields.count == 4, let code = Int(fields[2]) else { throw PlanError(line: index + 1, text: String(line)) }
                let trunk: UInt8? = fields[3] == "-" ? nil : fields[3].utf8.first.map { $0 - UInt8(ascii: "0") }
                territories.append(Territory(region: String(fields[1]), countryCode: code, trunkPrefix: trunk, lengths: []))
                roots += repeatElement(-1, count: Self.stride)
                current = territories.count - 1
                byCountryCode[code, default: []].append(territories.count - 1)
                continue
            }
            guard let territory = current, fields.count == 3, let length = Int(fields[0]), length > 0, length <= Self.maximumLength,
                  let kind = PhoneKind(rawValue: String(fields[2])),
                  fields[1] == "*" || fields[1].utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { throw PlanError(line: index + 1, text: String(line)) }
            add(territory: territory, length: length, prefix: fields[1] == "*" ? [] : Array(fields[1].utf8), kind: kind)
        }
    }

    private func add(territory: Int, length: Int, prefix: [UInt8], kind: PhoneKind) {
        let root = territory * Self.stride + length
        if roots[root] < 0 {
            roots[root] = newNode()
            territories[territory].lengths.append(length)
            territories[territory].lengths.sort()
        }
        var node = Int(roots[root])
        for digit in prefix {
            let slot = node * 10 + Int(digit - UInt8(ascii: "0"))
            if children[slot] < 0 { children[slot] = newNode() }
            node = Int(children[slot])
        }
        kinds[node] = UInt8(Self.allKinds.firstIndex(of: kind)!)
    }

    private func newNode() -> Int32 {
        children += repeatElement(-1, count: 10)
        kinds.append(Self.noKind)
        return Int32(kinds.count - 1)
    }

    /// The territories that use `countryCode`.
    @inline(__always)
    package func territories(countryCode: Int) -> [Int] {
        byCountryCode[countryCode] ?? []
    }

    /// The index of the territory of `region`.
    package func territory(region: String) -> Int? {
        territories.firstIndex { $0.region == region }
    }

    /// The kind of the NSN `digits[0..<count]` (digit values 0-9) in
    /// `territory`: the longest listed prefix decides; `invalid` when the
    /// length is not one the territory uses or no prefix matches.
    @inline(__always)
    package func kind(of digits: UnsafePointer<UInt8>, count: Int, in territory: Int) -> PhoneKind {
        guard count <= Self.maximumLength else { return .invalid }
        let root = roots[territory * Self.stride + count]
        guard root >= 0 else { return .invalid }
        var node = Int(root)
        var found = kinds[node]
        for index in 0..<count {
            let next = children[node * 10 + Int(digits[index])]
            if next < 0 { break }
            node = Int(next)
            if kinds[node] != Self.noKind { found = kinds[node] }
        }
        return found == Self.noKind ? .invalid : Self.allKinds[Int(found)]
    }

    /// A line of the table that does not parse.
    package struct PlanError: Error, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String { "numbering plan, line \(line): cannot read \"\(text)\"" }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
