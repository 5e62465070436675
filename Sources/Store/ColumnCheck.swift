import GRDB

/// The schema's CHECK constraints (Schema.v1...) as Swift tests on the
/// values of a bulk write, for the transactions that turn SQLite's own off
/// (`PRAGMA ignore_check_constraints`): evaluating a GLOB per column per row
/// cost an ingest as much as inserting the row. A value that breaks one
/// fails as SQLite would fail it.
enum ColumnCheck {
    static func failure(_ column: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CONSTRAINT_CHECK, message: "CHECK constraint failed: \(column)")
    }

    /// `isPhone`: `+`, a first digit 1-9, digits only, 4 to 16 characters.
    static func phone(_ text: String, column: String = "phone") throws {
        var text = text
        let valid = text.withUTF8 { phone in
            (4...16).contains(phone.count) && phone[0] == UInt8(ascii: "+") && phone[1] &- UInt8(ascii: "1") < 9
                && phone.dropFirst().allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
        }
        guard valid else { throw failure(column) }
    }

    /// `isTime`: `YYYY-MM-DDThh:mm:ssZ` as the GLOB reads it.
    static func time(_ text: String, column: String) throws {
        var text = text
        let valid = text.withUTF8 { time in
            guard time.count == 20 else { return false }
            // Per position: the characters the GLOB allows ("0" for [0-9]).
            let pattern: StaticString = "0000-10-30T20:50:60Z"
            return pattern.withUTF8Buffer { pattern in
                pattern.indices.allSatisfy { index in
                    let byte = time[index], wanted = pattern[index]
                    guard wanted &- UInt8(ascii: "0") < 10 else { return byte == wanted }
                    // [01], [0-3], [0-2], [0-5], [0-6] and [0-9] as the largest digit allowed.
                    let largest = index == 5 ? 1 : index == 8 ? 3 : index == 11 ? 2 : index == 14 ? 5 : index == 17 ? 6 : 9
                    return byte &- UInt8(ascii: "0") <= largest
                }
            }
        }
        guard valid else { throw failure(column) }
    }
}
