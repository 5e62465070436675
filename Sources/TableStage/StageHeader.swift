import TextoCore

/// The header of a table a stage reads, and where the stage puts the
/// columns it adds: after the leading `_` columns, so that `_source`,
/// `_row` and `_phone` stay first and the user's columns stay together.
package struct StageHeader: Sendable {
    /// The names as written in the file.
    package let names: [String]
    /// How many of the first columns are Texto's (`_source`, `_row`, ...).
    package let ownedPrefix: Int

    package init(_ names: [String]) {
        self.names = names
        ownedPrefix = names.prefix(while: OwnedColumn.isOwned).count
    }

    package var count: Int { names.count }

    /// The header with `columns` inserted after the leading `_` columns.
    package func inserting(_ columns: [String]) -> [String] {
        var result = names
        result.insert(contentsOf: columns, at: ownedPrefix)
        return result
    }

    /// The index of the column `name` designates (`ColumnKey.find`).
    package func index(of name: String) -> Int? {
        ColumnKey.find(name, in: names)
    }
}
