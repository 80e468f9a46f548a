import AthanorCore

/// "✓ assert …: 6 of 6 passed" or "✗ …", then the failing rows with the values that decided them.
struct AssertionText {
    let style: TerminalStyle

    func render(_ report: AssertionReport) -> String {
        let mark = report.holds ? style.paint("✓ passed", .green) : style.paint("✗ failed", .red)
        var line = "\(mark)  \(report.source)"
        if let aggregates = report.aggregates {
            // Checked once over the run: the value of each aggregate says how close it came.
            let values = aggregates.map { aggregate in
                switch aggregate.value {
                case .value(let value): (aggregate.source, ValueText.cell(value))
                case .error: (aggregate.source, nil as String?)
                }
            }
            line += "\n   " + style.paint(AggregateSummary.text(considered: report.considered, values: values), .dim)
        } else {
            var counts = "\(report.passed) of \(report.considered) held (needs \(report.quantifier))"
            if report.errors > 0 { counts += ", \(report.errors) raised an error" }
            line += "\n   " + style.paint(counts, .dim)
        }
        for error in report.firstErrors {
            line += "\n   " + style.paint("error", .red) + " at \(error.point): \(error.message)"
        }
        if report.errors > report.firstErrors.count {
            line += "\n   " + style.paint("and \(report.errors - report.firstErrors.count) more", .dim)
        }
        if !report.holds, let message = report.message { line += "\n   " + message }
        guard !report.holds, !report.failingRows.rows.isEmpty, report.aggregates == nil else { return line }
        let table = TableRenderer(style: style.indented(by: 3)).render(
            report.failingRows)
        return line + "\n"
            + table.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
    }
}
