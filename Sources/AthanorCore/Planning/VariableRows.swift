import AthanorLanguage

/// The rows of a sweep's `vars:` (or `params:`), computed on demand rather than multiplied out.
///
/// A record of lists is the product of its columns: row `i` is read off `i` in mixed radix, the
/// last column changing fastest, so a `range(0, 100000)` column costs its values and nothing per
/// row. A list of records is one row per record. Each row also names its part of the result key.
struct VariableRows: Sendable {
    /// One column of a product: its values, and whether they are all scalars (then the key shows
    /// the value itself, otherwise its position).
    private struct Column: Sendable {
        var name: String
        var values: [Value]
        var scalar: Bool
    }

    private enum Layout: Sendable {
        case product([Column])
        case records([Record])
    }

    private let layout: Layout
    let count: Int
    /// What the rows are called in a plan's summary: the single column's name, `points` or `rows`.
    let name: String

    /// One empty row: a sweep without `vars:`.
    static let single = VariableRows(layout: .product([]), count: 1, name: "points")

    private init(layout: Layout, count: Int, name: String) {
        self.layout = layout
        self.count = count
        self.name = name
    }

    /// The product of a record's columns; a value that is not a list is a column of one.
    static func product(of record: Record, at range: SourceRange, what: String) throws(Diagnostic) -> VariableRows {
        var columns: [Column] = []
        var count = 1
        for field in record.fields {
            let values = field.value.listValue ?? [field.value]
            guard !values.isEmpty else {
                throw Diagnostic(
                    .error, "'\(what)' column '\(field.key)' is an empty list: the sweep would send nothing", at: range)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: values.count)
            guard !overflow, product <= Plan.maximumPoints else {
                throw Diagnostic(
                    .error, "'\(what)' multiplies out to more than \(Plan.maximumPoints) points; split the sweep",
                    at: range)
            }
            count = product
            let scalar = values.allSatisfy { if case .record = $0 { false } else { true } }
            columns.append(Column(name: field.key, values: values, scalar: scalar))
        }
        return VariableRows(
            layout: .product(columns), count: count, name: record.fields.count == 1 ? record.fields[0].key : "points")
    }

    /// One row per record of a list.
    static func records(_ items: [Value], at range: SourceRange) throws(Diagnostic) -> VariableRows {
        guard !items.isEmpty else {
            throw Diagnostic(.error, "'vars:' is an empty list: the sweep would send nothing", at: range)
        }
        var rows: [Record] = []
        rows.reserveCapacity(items.count)
        for item in items {
            guard case .record(let r) = item else {
                throw Diagnostic(
                    .error, "'vars:' as a list must hold records (one per point), found a \(item.typeName)", at: range)
            }
            rows.append(r)
        }
        return VariableRows(layout: .records(rows), count: rows.count, name: "rows")
    }

    /// The names of a product's columns (empty for a list of records).
    var columnNames: [String] {
        if case .product(let columns) = layout { return columns.map(\.name) }
        return []
    }

    /// Every variable a row may bind: a product's columns, or each key any record has (in order
    /// of first appearance).
    var variableNames: [String] {
        switch layout {
        case .product(let columns): return columns.map(\.name)
        case .records(let rows):
            var seen: Set<String> = []
            return rows.flatMap(\.keys).filter { seen.insert($0).inserted }
        }
    }

    /// For a product: the indices, in order, of the rows in which the columns `fixed` hold their
    /// first value, if there are at most `limit` of them; nil for a list of records, or more rows.
    func rows(fixing fixed: Set<String>, limit: Int) -> [Int]? {
        guard case .product(let columns) = layout else { return nil }
        var count = 1
        for column in columns where !fixed.contains(column.name) {
            count *= column.values.count
            if count > limit { return nil }
        }
        var indices = [0]
        for column in columns {
            let size = column.values.count
            let positions = fixed.contains(column.name) ? 0..<1 : 0..<size
            indices = indices.flatMap { index in positions.map { index * size + $0 } }
        }
        return indices
    }

    /// How many different values a product's column holds (nil for a list of records).
    func distinctValues(of name: String) -> Int? {
        guard case .product(let columns) = layout, let column = columns.first(where: { $0.name == name }) else {
            return nil
        }
        return Set(column.values).count
    }

    /// Row `index` (0 ..< count).
    func row(at index: Int) -> Record {
        switch layout {
        case .records(let rows):
            return rows[index]
        case .product(let columns):
            var fields: [Record.Field] = []
            fields.reserveCapacity(columns.count)
            forEachPosition(of: index, in: columns) { column, position in
                fields.append(Record.Field(column.name, column.values[position]))
            }
            return Record(fields)
        }
    }

    /// Row `index`'s part of a point's label: `name=value` per column (a position for records),
    /// or `row=N` for a list of records. (The point's key hashes the row's full values.)
    func labelParts(at index: Int) -> [String] {
        switch layout {
        case .records:
            return ["row=\(index)"]
        case .product(let columns):
            var parts: [String] = []
            parts.reserveCapacity(columns.count)
            forEachPosition(of: index, in: columns) { column, position in
                parts.append(
                    "\(column.name)=" + (column.scalar ? PointLabel.short(column.values[position]) : "\(position)"))
            }
            return parts
        }
    }

    /// Each column with its position in row `index`, first column first.
    private func forEachPosition(of index: Int, in columns: [Column], _ body: (Column, Int) -> Void) {
        var positions = [Int](repeating: 0, count: columns.count)
        var rest = index
        for c in columns.indices.reversed() {
            positions[c] = rest % columns[c].values.count
            rest /= columns[c].values.count
        }
        for c in columns.indices { body(columns[c], positions[c]) }
    }
}
