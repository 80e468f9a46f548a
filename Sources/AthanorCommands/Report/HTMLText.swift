/// Text from the database made safe to put in a report: everything a run holds (a token, a
/// variable, an error) can be `<script>` or `</table>`, and is written as text, never markup.
enum HTMLText {
    /// `text` as the content of an element or of a quoted attribute (either quote).
    static func escape(_ text: String) -> String {
        escaped(text, doubleQuotes: true)
    }

    /// JSON text as the value of a single-quoted attribute: double quotes, which JSON is full of,
    /// stay as they are (a third of the size of `&quot;`), everything else markup could read is
    /// escaped.
    static func singleQuotedAttribute(_ json: String) -> String {
        escaped(json, doubleQuotes: false)
    }

    private static func escaped(_ text: String, doubleQuotes: Bool) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where doubleQuotes: escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\0": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
