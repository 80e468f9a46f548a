/// Compact JSON text for a value. Non-finite numbers have no JSON form and become `null`.
extension JSONValue {
    /// Standard JSON: a NUL inside a string is written as the escape `\u0000`.
    public func serialized() -> String {
        serialized(replacingNUL: false)
    }

    /// JSON that PostgreSQL accepts as jsonb, which rejects `\u0000`: a NUL inside a string is
    /// written as U+FFFD instead. (A token's raw `bytes` keep the truth.)
    public func serializedForJSONB() -> String {
        serialized(replacingNUL: true)
    }

    private func serialized(replacingNUL: Bool) -> String {
        var out = ""
        out.reserveCapacity(64)
        write(to: &out, replacingNUL: replacingNUL)
        return out
    }

    func write(to out: inout String, replacingNUL: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += Self.format(n)
        case .string(let s): Self.writeString(s, to: &out, replacingNUL: replacingNUL)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out, replacingNUL: replacingNUL)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, to: &out, replacingNUL: replacingNUL)
                out += ":"
                members[key]!.write(to: &out, replacingNUL: replacingNUL)
            }
            out += "}"
        }
    }

    /// Integers without a fraction, everything else in Swift's shortest round-tripping form.
    static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    static func writeString(_ s: String, to out: inout String, replacingNUL: Bool = false) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}" where replacingNUL: out += "\u{FFFD}"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
