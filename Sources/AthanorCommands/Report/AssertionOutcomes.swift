import AthanorCore

/// The assertions checked against a run, as stored (`AssertionReport.jsonValue`): whether each
/// held, its counts, and the rows that failed it with the values that made them fail.
enum AssertionOutcomes {
    static func html(_ outcomes: [StoredResult]) -> String {
        guard !outcomes.isEmpty else { return "" }
        var html = "<div class=\"assertions\"><h3>assertions</h3>"
        for outcome in outcomes {
            let value = outcome.value
            let holds = value["holds"]?.boolValue ?? false
            let count = { (name: String) in value[name]?.intValue ?? 0 }
            html +=
                "<div class=\"assertion \(holds ? "held" : "broken")\"><span class=\"mark\">"
                + (holds ? "✓ held" : "✗ failed") + "</span> <code>"
                + HTMLText.escape(value["assertion"]?.stringValue ?? "") + "</code> <span class=\"counts\">"
                + HTMLText.escape(StoredAssertionCounts.text(value)) + "</span>"
            if let message = value["message"]?.stringValue {
                html += "<div class=\"msg\">" + HTMLText.escape(message) + "</div>"
            }
            html += firstErrors(value["first_errors"]?.arrayValue ?? [], of: count("errors"))
            html += failingRows(value["failing"]?.arrayValue ?? []) + "</div>"
        }
        return html + "</div>"
    }

    /// The first errors the condition raised, each with its point, and how many more there were.
    static func firstErrors(_ errors: [JSONValue], of total: Int) -> String {
        guard !errors.isEmpty else { return "" }
        let items = errors.map { error in
            "<li>error at <code>" + HTMLText.escape(error["point"]?.stringValue ?? "") + "</code>: "
                + HTMLText.escape(error["error"]?.stringValue ?? "") + "</li>"
        }
        let more = total > errors.count ? "<li>and \(total - errors.count) more</li>" : ""
        return "<ul class=\"errors\">" + items.joined() + more + "</ul>"
    }

    /// The failing rows as a table whose columns are every field the rows carry, in first-seen order.
    static func failingRows(_ rows: [JSONValue]) -> String {
        guard !rows.isEmpty else { return "" }
        var columns: [String] = []
        for row in rows {
            for key in (row.objectValue?.keys).map({ Array($0).sorted() }) ?? [] where !columns.contains(key) {
                columns.append(key)
            }
        }
        return "<table class=\"failing\"><thead><tr>"
            + columns.map { "<th>" + HTMLText.escape($0) + "</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { row in
                "<tr>"
                    + columns.map { column in
                        let cell = row[column]
                        return "<td>" + HTMLText.escape(cell?.stringValue ?? cell?.serialized() ?? "") + "</td>"
                    }.joined() + "</tr>"
            }.joined() + "</tbody></table>"
    }
}
