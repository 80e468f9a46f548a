import Foundation

/// A connection string as it may be shown: every password masked, in both of libpq's forms.
///
/// `postgresql://user:secret@host/db?password=secret` and `host=h password='se cret'` both carry
/// a password; what a banner or `athanor db status` prints must carry neither.
public enum ConnectionRedaction {
    public static let mask = "•••"

    public static func redacted(_ conninfo: String) -> String {
        conninfo.contains("://") ? redactedURL(conninfo) : redactedKeywords(conninfo)
    }

    /// `scheme://[user[:password]@]host…[?…&password=…]`.
    private static func redactedURL(_ url: String) -> String {
        var text = url
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
                let colon = rest[..<at].firstIndex(of: ":")
            {
                text.replaceSubrange(text.index(after: colon)..<at, with: mask)
            }
        }
        guard let query = text.firstIndex(of: "?") else { return text }
        let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
            .map { parameter -> String in
                let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0].lowercased() == "password" else { return String(parameter) }
                return "\(parts[0])=\(mask)"
            }
        return text[...query] + parameters.joined(separator: "&")
    }

    /// `keyword = value` pairs separated by white space; a value may be single-quoted with `\'`.
    private static func redactedKeywords(_ conninfo: String) -> String {
        var result = ""
        var rest = Substring(conninfo)
        while !rest.isEmpty {
            // Copy white space, then read one keyword.
            let spaces = rest.prefix(while: \.isWhitespace)
            result += spaces
            rest = rest.dropFirst(spaces.count)
            let keyword = rest.prefix(while: { !$0.isWhitespace && $0 != "=" })
            result += keyword
            rest = rest.dropFirst(keyword.count)
            let beforeEquals = rest.prefix(while: \.isWhitespace)
            guard rest.dropFirst(beforeEquals.count).first == "=" else {
                result += rest
                break
            }
            result += beforeEquals + "="
            rest = rest.dropFirst(beforeEquals.count + 1)
            let afterEquals = rest.prefix(while: \.isWhitespace)
            result += afterEquals
            rest = rest.dropFirst(afterEquals.count)
            // The value: quoted (to the closing quote) or up to white space.
            var value = Substring()
            if rest.first == "'" {
                var index = rest.index(after: rest.startIndex)
                while index < rest.endIndex, rest[index] != "'" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    if index < rest.endIndex { index = rest.index(after: index) }
                }
                value = rest[..<(index < rest.endIndex ? rest.index(after: index) : index)]
            } else {
                value = rest.prefix(while: { !$0.isWhitespace })
            }
            result += keyword.lowercased() == "password" ? mask : String(value)
            rest = rest.dropFirst(value.count)
        }
        return result
    }
}
