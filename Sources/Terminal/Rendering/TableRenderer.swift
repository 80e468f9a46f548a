import AthanorCore

/// Aligned tables fitted to the terminal width: columns shrink, longest first, and cut text ends
/// with an ellipsis. A style without a width (output to a pipe or a file) cuts nothing.
struct TableRenderer {
    let style: TerminalStyle

    func render(columns: [String], rows: [[String]], errorCells: Set<[Int]> = []) -> String {
        guard !columns.isEmpty else { return "" }
        var widths = columns.map { TextLayout.width($0) }
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], TextLayout.width(cell.replacingNewlines()))
            }
        }
        let separator = 2
        let available = (style.width ?? .max) - separator * (columns.count - 1)
        while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
            widths[widest] > 8
        {
            widths[widest] -= 1
        }
        let gap = String(repeating: " ", count: separator)
        var lines: [String] = []
        let header = columns.enumerated().map { i, c in TextLayout.pad(TextLayout.fit(c, widths[i]), widths[i]) }
        lines.append(style.paint(header.joined(separator: gap).trimmedTrailing(), .bold))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: gap))
        for (r, row) in rows.enumerated() {
            let cells = widths.indices.map { i -> String in
                let text = TextLayout.pad(TextLayout.fit(i < row.count ? row[i] : "", widths[i]), widths[i])
                return errorCells.contains([r, i]) ? style.paint(text, .red) : text
            }
            lines.append(cells.joined(separator: gap).trimmedTrailing())
        }
        return lines.joined(separator: "\n")
    }

    func render(_ table: ResultTable) -> String {
        var errors: Set<[Int]> = []
        let rows = table.rows.enumerated().map { r, row in
            row.enumerated().map { i, cell -> String in
                switch cell {
                case .value(let v): return ValueText.cell(v)
                case .error(let e):
                    errors.insert([r, i])
                    return "error: " + e
                }
            }
        }
        var out = ""
        if let title = table.title { out += style.paint(title, .dim) + "\n" }
        out += render(columns: table.columns, rows: rows, errorCells: errors)
        if table.rows.isEmpty { out += "\n" + style.paint("(no rows)", .dim) }
        return out
    }
}

extension String {
    func trimmedTrailing() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
