/// A lexical pass over an unfinished entry: where its end stands (code, string, comment) and which brackets are
/// still open, so completion knows its context without the real parser (which needs complete input).
///
/// It knows just enough of the language: `#` comments, `"…"` strings with escapes, `"""` strings, brackets, and
/// which `{` opens a `sweep NAME {` block.
struct InputScan {
    struct Bracket: Equatable {
        var character: Character
        var opensSweep: Bool
    }

    /// The end is inside a one-line string: the current line before the quote, and the string's text so far.
    var openString: (lineBeforeQuote: String, content: String)?
    var endsInComment = false
    var endsInTripleQuotedString = false
    var openBrackets: [Bracket] = []
    /// The last token before the end: an identifier, a number, `"` for a string, or one punctuation character.
    var lastToken: String?
    /// Whether a line break follows `lastToken` (in a sweep block, a new line can start a new key).
    var lineBreakAfterLastToken = false

    init(_ text: String) {
        let chars = Array(text)
        var recent: [String] = []
        func push(_ token: String) {
            recent = Array((recent + [token]).suffix(2))
            lastToken = token
            lineBreakAfterLastToken = false
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\n":
                lineBreakAfterLastToken = lastToken != nil
                i += 1
            case " ", "\t", "\r":
                i += 1
            case "#":
                guard let end = chars[i...].firstIndex(of: "\n") else {
                    endsInComment = true
                    return
                }
                i = end
            case "\"" where chars.count - i >= 3 && chars[i + 1] == "\"" && chars[i + 2] == "\"":
                guard let end = Self.tripleQuoteEnd(chars, from: i + 3) else {
                    endsInTripleQuotedString = true
                    return
                }
                i = end
                push("\"")
            case "\"":
                var j = i + 1
                while j < chars.count, chars[j] != "\"", chars[j] != "\n" { j += chars[j] == "\\" ? 2 : 1 }
                if j >= chars.count {
                    let lineStart = chars[..<i].lastIndex(of: "\n").map { $0 + 1 } ?? 0
                    openString = (String(chars[lineStart..<i]), String(chars[(i + 1)...]))
                    return
                }
                i = chars[j] == "\"" ? j + 1 : j  // an unterminated string ends at its line's end
                push("\"")
            case _ where c.isLetter || c == "_" || c.isNumber:
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                push(String(chars[i..<j]))
                i = j
            case "{", "[", "(":
                let sweep = c == "{" && recent.count == 2 && recent[0] == "sweep" && Self.isIdentifier(recent[1])
                openBrackets.append(Bracket(character: c, opensSweep: sweep))
                push(String(c))
                i += 1
            case "}", "]", ")":
                if !openBrackets.isEmpty { openBrackets.removeLast() }
                push(String(c))
                i += 1
            default:
                push(String(c))
                i += 1
            }
        }
    }

    /// Whether the end is where a key of the innermost `sweep NAME {` block goes: after `{`, `,`, or a line
    /// break that follows a finished value.
    var isAtSweepKey: Bool {
        guard openBrackets.last?.opensSweep == true, let last = lastToken else { return false }
        if last == "{" || last == "," { return true }
        let finishesValue =
            Self.isIdentifier(last) || last.first?.isNumber == true || ["\"", "]", "}", ")", "%"].contains(last)
        return lineBreakAfterLastToken && finishesValue
    }

    static func isIdentifier(_ token: String) -> Bool {
        guard let first = token.first else { return false }
        return first.isLetter || first == "_"
    }

    private static func tripleQuoteEnd(_ chars: [Character], from start: Int) -> Int? {
        var j = start
        while j + 2 < chars.count {
            if chars[j] == "\\" {
                j += 2
                continue
            }
            if chars[j] == "\"", chars[j + 1] == "\"", chars[j + 2] == "\"" { return j + 3 }
            j += 1
        }
        return nil
    }
}
