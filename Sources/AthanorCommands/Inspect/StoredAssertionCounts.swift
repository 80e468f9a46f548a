import AthanorCore

/// The counts line of a stored assertion outcome, for `show --asserts` and the HTML report:
/// `3 of 4 passed (needs all), 1 raised errors`, or for one over aggregates
/// `over 16 results: brier(prob("Yes"), truth == "true") = 0.0176`.
enum StoredAssertionCounts {
    static func text(_ outcome: JSONValue) -> String {
        let count = { (name: String) in outcome[name]?.intValue ?? 0 }
        if case .object(let aggregates)? = outcome["aggregates"] {
            let values = aggregates.sorted { $0.key < $1.key }.map { source, value in
                (source, value["error"] != nil ? nil : value.doubleValue.map(Value.format) ?? value.serialized())
            }
            return AggregateSummary.text(considered: count("considered"), values: values)
        }
        return "\(count("passed")) of \(count("considered")) passed (needs "
            + (outcome["quantifier"]?.stringValue ?? "all") + ")"
            + (count("errors") > 0 ? ", \(count("errors")) raised errors" : "")
    }
}
