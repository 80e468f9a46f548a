/// The line that says what an assertion over aggregates found, live and as stored:
/// `over 16 results: brier(prob("Yes"), truth == "true") = 0.0176`.
public enum AggregateSummary {
    /// `values`: each aggregate as written and its value as text, or nil when it raised an error.
    public static func text(considered: Int, values: [(source: String, value: String?)]) -> String {
        let parts = values.map { source, value in
            value.map { "\(source) = \($0)" } ?? "\(source) raised an error"
        }
        return "over \(considered) result\(considered == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
