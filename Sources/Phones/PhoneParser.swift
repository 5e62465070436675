/// Reads what people type in a phone cell and finds the number they meant,
/// in E.164, with what it is for (DOMAIN.md §1).
///
/// Accepted, as the import robots our users know do ("ne garde que les
/// chiffres"): spaces, non-breaking spaces, dots, dashes, slashes, commas
/// and parentheses between digits; `+` or `00` before a country code;
/// `(0)` or a stray trunk `0` after it; `tel:`; a national number that lost
/// its leading zero in an Excel number cell (`630050660`); a country code
/// without `+` (`33630050660`), and from a region of the French plan any
/// French code without it (`262692123456`, `590690820422`: Excel drops
/// their `+` as it drops the `0` of `630050660`); a label before the
/// number or a remark after it, when what they surround is a valid number
/// (`Tél. 06 19 35 49 84`, `N° 0033 6…`, `06… (pro)`, `"06/45/53/51/65"`;
/// at most three words and 20 characters a side, `PhoneParser+Labels.swift`).
/// Refused, never guessed: letters inside or touching the number
/// (`06 30 05 06 6O`, `0800 FLEURS`), two numbers in a cell, an extension,
/// Excel's scientific notation.
///
/// A national number of the French plan (France and the overseas
/// departments share it) belongs to the territory whose plan assigns it:
/// `0692 12 34 56` typed in France is a Réunion mobile, `+262692123456`.
///
/// - Complexity: one pass over the bytes and a walk down a digit trie; no
///   allocation. A cell with letters around its number takes a second pass.
public final class PhoneParser: Sendable {
    package let plan: NumberingPlan
    /// The territory of numbers written without a country code.
    package let defaultTerritory: Int
    /// Territories sharing the default's national plan, the default first.
    private let family: [Int]
    /// Territories of the default's country code, the default first.
    private let homeCode: [Int]
    /// Country codes a cell may hold without `+`: the default's, then, when
    /// the default is a region of the French plan, the other French ones.
    private let codesWithoutPlus: [Int]

    /// The regions of the French national plan: one trunk prefix, one
    /// length, disjoint ranges (ARCEP).
    package static let frenchPlanRegions: Set<String> = ["FR", "GP", "BL", "MF", "MQ", "GF", "RE", "YT"]

    /// The regions whose country code is French: the French plan's and
    /// Saint-Pierre-et-Miquelon (+508, a plan of its own). From a region of
    /// the French plan their codes are read without `+` (`262692123456`),
    /// as the home code is (`33630050660`): they are numbers of the same
    /// country. Wallis (+681), New Caledonia (+687) and French Polynesia
    /// (+689) are not in the plan, so not read.
    static let frenchCodeRegions: Set<String> = frenchPlanRegions.union(["PM"])

    /// A parser for numbers written in `region` (ISO code, e.g. `FR`).
    public init(defaultRegion region: String, plan: NumberingPlan = .standard) throws {
        guard let territory = plan.territory(region: region) else {
            throw UnknownRegion(region: region, known: plan.territories.map(\.region))
        }
        self.plan = plan
        self.defaultTerritory = territory
        if Self.frenchPlanRegions.contains(region) {
            family = [territory] + plan.territories.indices.filter {
                $0 != territory && Self.frenchPlanRegions.contains(plan.territories[$0].region)
            }
        } else {
            family = [territory]
        }
        let home = plan.territories[territory].countryCode
        homeCode = [territory] + plan.territories(countryCode: home).filter { $0 != territory }
        var codes = [home]
        if Self.frenchPlanRegions.contains(region) {
            for other in plan.territories where Self.frenchCodeRegions.contains(other.region) && !codes.contains(other.countryCode) {
                codes.append(other.countryCode)
            }
        }
        codesWithoutPlus = codes
    }

    /// A region the plan does not have.
    public struct UnknownRegion: Error {
        public var region: String
        package var known: [String]
    }

    /// Parses UTF-8 text.
    public func parse(_ text: String) -> PhoneParse {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses UTF-8 bytes.
    public func parse(_ text: UnsafeBufferPointer<UInt8>) -> PhoneParse {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { scratch in
            parse(text, digits: scratch.baseAddress!)
        }
    }

    // MARK: - Scanning

    /// `labels`: whether a label or a remark around the number may be set
    /// aside (not when `text` is the number between them).
    private func parse(_ text: UnsafeBufferPointer<UInt8>, digits: UnsafeMutablePointer<UInt8>, labels: Bool = true) -> PhoneParse {
        guard let base = text.baseAddress else { return .missing }
        var start = 0
        var end = text.count
        while start < end, let width = Self.spaceWidth(base, start, end) { start += width }
        while end > start, Self.isTrailingSpace(base, start, end) { end -= Self.trailingSpaceWidth(base, start, end) }
        if start == end { return .missing }
        if end - start > 4, base[start] | 0x20 == UInt8(ascii: "t"), base[start + 1] | 0x20 == UInt8(ascii: "e"),
           base[start + 2] | 0x20 == UInt8(ascii: "l"), base[start + 3] == UInt8(ascii: ":") {
            start += 4  // RFC 3966 `tel:+33-6-30-05-06-60`
        }

        var count = 0
        var plus = false
        var digitsInPart = 0
        var fullParts = 0  // parts of the cell that hold a whole number
        var index = start
        while index < end {
            let byte = base[index]
            if byte &- UInt8(ascii: "0") < 10 {
                if count < 32 { digits[count] = byte &- UInt8(ascii: "0") }
                count += 1
                digitsInPart += 1
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), 0x09:
                index += 1
            case UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"), 0x0A, 0x0D:
                // Between digits these separate groups (`06/30/05/06/60`);
                // between whole numbers they separate numbers.
                if digitsInPart >= Self.wholeNumberDigits { fullParts += 1 }
                digitsInPart = 0
                index += 1
            case UInt8(ascii: "+"):
                if count == 0 && !plus {
                    plus = true
                } else {
                    if digitsInPart >= Self.wholeNumberDigits { fullParts += 1 }
                    digitsInPart = 0
                }
                index += 1
            case UInt8(ascii: "#"), UInt8(ascii: "*"):
                return count >= Self.extensionAfter ? .invalid(.extension) : letters(base, start, end, digits: digits, labels: labels)
            case 0x80...:
                if let width = Self.spaceWidth(base, index, end) {
                    index += width  // NBSP, narrow NBSP, thin or figure space, dashes
                } else {
                    return letters(base, start, end, digits: digits, labels: labels)
                }
            default:
                if Self.isLetter(byte) {
                    if let word = Self.conjunctionLength(base, index, end) {
                        // `… ou …`, `… et …`: a second number follows.
                        if digitsInPart >= Self.wholeNumberDigits { fullParts += 1 }
                        digitsInPart = 0
                        index += word
                        continue
                    }
                    if count >= Self.extensionAfter, Self.isExtensionMark(base, index, end) { return .invalid(.extension) }
                    if byte | 0x20 == UInt8(ascii: "e"), Self.isScientific(base, start, end) { return .invalid(.scientificNotation) }
                }
                return letters(base, start, end, digits: digits, labels: labels)
            }
        }
        if digitsInPart >= Self.wholeNumberDigits { fullParts += 1 }
        if fullParts >= 2 || count >= 18 && Self.splitsInTwo(base, start, end, digits: count) { return .invalid(.twoNumbers) }
        if count == 0 { return .missing }
        if count > NumberingPlan.maximumLength + 3 { return .invalid(.tooLong) }
        if Self.isPlaceholderZeros(digits, count) { return .missing }
        return interpret(digits, count, international: plus)
    }

    /// The verdict on a cell with a character no number has: a placeholder
    /// (`néant`), the number between a label and a remark (`Tél. 06 19 35
    /// 49 84`, `06 19 35 49 84 (pro)`; `labels`), or letters. The reading of
    /// the number alone stands when it is a number, two numbers or an
    /// extension; otherwise the letters may be part of it (`0800 FLEURS`).
    private func letters(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, digits: UnsafeMutablePointer<UInt8>,
                         labels: Bool) -> PhoneParse {
        // A placeholder has no digit, so no number between labels: looking
        // for one first spares the label cells the placeholder's String.
        if labels, let number = Self.numberBetweenLabels(base, start, end) {
            let inner = parse(UnsafeBufferPointer(start: base + number.lowerBound, count: number.count), digits: digits, labels: false)
            switch inner {
            case .number, .invalid(.twoNumbers), .invalid(.extension): return inner
            default: break
            }
        }
        return Self.placeholderOr(.letters, base, start, end)
    }

    /// A part of a cell with at least this many digits is a whole number.
    private static let wholeNumberDigits = 8
    /// Letters after this many digits may start an extension.
    private static let extensionAfter = 6

    // MARK: - Interpretation

    private func interpret(_ digits: UnsafeMutablePointer<UInt8>, _ count: Int, international: Bool) -> PhoneParse {
        if international {
            return interpretInternational(digits, count)
        }
        if count > 2, digits[0] == 0, digits[1] == 0 {
            return interpretInternational(digits + 2, count - 2)
        }
        let home = plan.territories[defaultTerritory]
        if let trunk = home.trunkPrefix, digits[0] == trunk {
            if let number = classifyNational(digits + 1, count - 1) { return .number(number) }
            return .invalid(lengthProblem(count - 1, territory: defaultTerritory))
        }
        // No `+`, `00` or trunk prefix: a national number as written where
        // there is no trunk prefix, or one whose leading zero Excel dropped
        // (`630050660`), or the home country code without its `+`
        // (`33630050660`; from the French plan also `262692123456`).
        // Another country's code without `+` is not assumed
        // (`32470123456` in France): that would be a guess. The national
        // reading comes first: `508412345` is `05 08 41 23 45`, not +508.
        if let number = classifyNational(digits, count) { return .number(number) }
        if count > 3, let number = withCountryCodeWithoutPlus(digits, count) { return .number(number) }
        return .invalid(lengthProblem(count, territory: defaultTerritory))
    }

    /// A national number: the default territory's if its plan assigns it,
    /// else the one territory of the shared (French) plan that does. When
    /// several do (some VoIP and special ranges overlap), none is chosen:
    /// that would be a guess.
    private func classifyNational(_ nsn: UnsafeMutablePointer<UInt8>, _ count: Int) -> PhoneNumber? {
        // The territories of the home country code first (+262: RE, YT).
        if let number = classify(nsn, count, among: homeCode) { return number }
        var found: PhoneNumber?
        for territory in family where !homeCode.contains(territory) {
            guard let number = classify(nsn, count, among: [territory]) else { continue }
            if let other = found, other.e164 != number.e164 { return nil }
            if found == nil { found = number }
        }
        return found
    }

    /// The number read as one of `codesWithoutPlus` without its `+`
    /// (`count` > 3). Country codes are prefix-free: at most one matches.
    private func withCountryCodeWithoutPlus(_ digits: UnsafeMutablePointer<UInt8>, _ count: Int) -> PhoneNumber? {
        for code in codesWithoutPlus {
            let codeLength = code >= 100 ? 3 : code >= 10 ? 2 : 1
            var prefix = 0
            for index in 0..<codeLength { prefix = prefix * 10 + Int(digits[index]) }
            guard prefix == code else { continue }
            let candidates = plan.territories(countryCode: code)
            let nsn = digits + codeLength
            if let number = classify(nsn, count - codeLength, among: candidates) { return number }
            // `33(0)630050660`: the trunk prefix in parentheses after the code.
            if let trunk = plan.territories[candidates[0]].trunkPrefix, count - codeLength > 1, nsn[0] == trunk {
                return classify(nsn + 1, count - codeLength - 1, among: candidates)
            }
            return nil
        }
        return nil
    }

    private func interpretInternational(_ digits: UnsafeMutablePointer<UInt8>, _ count: Int) -> PhoneParse {
        var code = 0
        for length in 1...3 where length < count {
            code = code * 10 + Int(digits[length - 1])
            let candidates = plan.territories(countryCode: code)
            if !candidates.isEmpty {
                let nsn = digits + length
                let nsnCount = count - length
                if let number = classify(nsn, nsnCount, among: candidates) { return .number(number) }
                // `+33 (0)6 …` or `+33 06 …`: the trunk prefix does not belong after the code.
                if let trunk = plan.territories[candidates[0]].trunkPrefix, nsnCount > 1, nsn[0] == trunk,
                   let number = classify(nsn + 1, nsnCount - 1, among: candidates) {
                    return .number(number)
                }
                return .invalid(lengthProblem(nsnCount, territory: candidates[0]))
            }
            if CountryCodes.assigned.contains(code) {
                return .foreign(countryCode: code)
            }
        }
        return .invalid(count < 4 ? .tooShort : .unallocated)
    }

    /// The first territory among `candidates` whose plan assigns the NSN.
    @inline(__always)
    private func classify(_ nsn: UnsafeMutablePointer<UInt8>, _ count: Int, among candidates: [Int]) -> PhoneNumber? {
        guard count > 0, count <= NumberingPlan.maximumLength else { return nil }
        for territory in candidates {
            let kind = plan.kind(of: nsn, count: count, in: territory)
            if kind != .invalid {
                let code = plan.territories[territory].countryCode
                var value = UInt64(code)
                for index in 0..<count { value = value &* 10 &+ UInt64(nsn[index]) }
                return PhoneNumber(e164: value, countryCode: code, territory: territory, kind: kind)
            }
        }
        return nil
    }

    private func lengthProblem(_ count: Int, territory: Int) -> PhoneProblem {
        let lengths = plan.territories[territory].lengths
        if let shortest = lengths.first, count < shortest { return .tooShort }
        if let longest = lengths.last, count > longest { return .tooLong }
        return .unallocated
    }

    // MARK: - Characters

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// The width of a space-like character at `index`: ASCII space and tab,
    /// NBSP (C2 A0), and U+2000-U+200B, U+202F, U+2010-U+2015 (spaces and dashes).
    @inline(__always)
    static func spaceWidth(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        let byte = base[index]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0xC2, index + 1 < end, base[index + 1] == 0xA0 { return 2 }
        if byte == 0xE2, index + 2 < end, base[index + 1] == 0x80 {
            let third = base[index + 2]
            if third <= 0x8B || (0x90...0x95).contains(third) || third == 0xAF { return 3 }
        }
        if byte == 0xEF, index + 2 < end, base[index + 1] == 0xBB, base[index + 2] == 0xBF { return 3 }  // BOM
        if byte == 0xE3, index + 2 < end, base[index + 1] == 0x80, base[index + 2] == 0x80 { return 3 }  // ideographic space
        return nil
    }

    private static func isTrailingSpace(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        trailingSpaceWidth(base, start, end) > 0
    }

    private static func trailingSpaceWidth(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        let last = base[end - 1]
        if last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { return 1 }
        if end - start >= 2, base[end - 2] == 0xC2, last == 0xA0 { return 2 }
        if end - start >= 3, base[end - 3] == 0xE2, base[end - 2] == 0x80, last == 0xAF || last <= 0x8B { return 3 }
        if end - start >= 3, base[end - 3] == 0xE3, base[end - 2] == 0x80, last == 0x80 { return 3 }
        return 0
    }

    /// True when a space or dash cuts the cell into two parts of at least
    /// nine digits each (`0630050660 0611223344`): two numbers, not one too long.
    private static func splitsInTwo(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, digits total: Int) -> Bool {
        var seen = 0
        for index in start..<end {
            let byte = base[index]
            if byte &- UInt8(ascii: "0") < 10 {
                seen += 1
            } else if byte == 0x20 || byte == UInt8(ascii: "-") || byte == 0xA0, seen >= 9, total - seen >= 9 {
                return true
            }
        }
        return false
    }

    /// `ou`, `et`, `or`, `and` standing alone between two numbers.
    private static func conjunctionLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        guard index > 0, base[index - 1] == 0x20 else { return nil }
        for word in ["ou", "et", "or", "and"] {
            let bytes = Array(word.utf8)
            let after = index + bytes.count
            guard after < end, base[after] == 0x20 else { continue }
            if (0..<bytes.count).allSatisfy({ base[index + $0] | 0x20 == bytes[$0] }) { return bytes.count }
        }
        return nil
    }

    /// `poste`, `post`, `ext`, `extension`, `x`, `p`, `tel`... followed by digits.
    private static func isExtensionMark(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        var cursor = index
        while cursor < end, isLetter(base[cursor]) { cursor += 1 }
        let word = String(decoding: UnsafeBufferPointer(start: base + index, count: cursor - index), as: UTF8.self).lowercased()
        guard ["poste", "post", "p", "ext", "extension", "x", "xt", "extn"].contains(word) else { return false }
        while cursor < end, base[cursor] == UInt8(ascii: ".") || base[cursor] == UInt8(ascii: ":") || base[cursor] == 0x20
            || base[cursor] == UInt8(ascii: "=") {
            cursor += 1
        }
        return cursor < end && base[cursor] &- UInt8(ascii: "0") < 10
    }

    /// `6.3005066E+08`, `6,3005066E+08`, `3.3630050660E10`: digits, a
    /// decimal mark, digits, E, an optional sign, digits.
    private static func isScientific(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        if index < end, base[index] == UInt8(ascii: "-") || base[index] == UInt8(ascii: "+") { index += 1 }
        func digitRun() -> Int {
            let first = index
            while index < end, base[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - first
        }
        guard digitRun() > 0 else { return false }
        if index < end, base[index] == UInt8(ascii: ".") || base[index] == UInt8(ascii: ",") {
            index += 1
            _ = digitRun()
        }
        guard index < end, base[index] | 0x20 == UInt8(ascii: "e") else { return false }
        index += 1
        if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
        return digitRun() > 0 && index == end
    }

    /// Words people put in a phone cell to say there is none.
    private static let placeholders: Set<String> = [
        "n/a", "na", "nc", "n.c.", "néant", "neant", "aucun", "aucune", "inconnu", "inconnue", "non communiqué",
        "non communique", "pas de numéro", "pas de numero", "sans", "none", "unknown", "-", "--", "?", "x", "xx", "/",
    ]

    private static func placeholderOr(_ problem: PhoneProblem, _ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> PhoneParse {
        guard end - start <= 24 else { return .invalid(problem) }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self).lowercased()
        return placeholders.contains(text) ? .missing : .invalid(problem)
    }

    /// `0`, `00`, `000…`: a cell filled with zeros to say "no number".
    private static func isPlaceholderZeros(_ digits: UnsafeMutablePointer<UInt8>, _ count: Int) -> Bool {
        count <= 10 && (0..<min(count, 32)).allSatisfy { digits[$0] == 0 }
    }
}
