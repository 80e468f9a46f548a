/// Temporary: replaced by the language branch.
public enum NameSuggestion {
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        nil
    }
}
