import Foundation

/// Width-aware text helpers for tables and token lists.
enum TextLayout {
    /// Spaces, newlines and tabs made visible, so a token's leading space can be seen.
    static func visible(_ token: String) -> String {
        var out = ""
        for scalar in token.unicodeScalars {
            switch scalar {
            case " ": out += "␣"
            case "\n": out += "↵"
            case "\t": out += "⇥"
            case "\r": out += "␍"
            case "\u{0}": out += "␀"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Display width in terminal columns (wide East Asian characters and emoji count two).
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, s in
            switch s.value {
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: sum
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF:
                sum + 2
            default: sum + 1
            }
        }
    }

    /// Cut to `limit` columns with an ellipsis, on one line.
    static func fit(_ text: String, _ limit: Int) -> String {
        let line = text.replacingNewlines()
        guard width(line) > limit else { return line }
        var out = ""
        var used = 0
        for character in line {
            let w = width(String(character))
            if used + w > max(0, limit - 1) { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    static func pad(_ text: String, _ columns: Int, right: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, columns - width(text)))
        return right ? gap + text : text + gap
    }

    static func percent(_ p: Double) -> String {
        if p >= 0.995 { return "100%" }
        if p >= 0.1 { return String(format: "%.0f%%", p * 100) }
        if p >= 0.001 { return String(format: "%.1f%%", p * 100) }
        return p == 0 ? "0%" : "<0.1%"
    }
}

extension String {
    func replacingNewlines() -> String {
        var out = ""
        for c in self { out += c == "\n" || c == "\r\n" ? "↵" : String(c) }
        return out
    }
}
