import AthanorCore

/// A JSON Schema checking documents: the draft 2020-12 subset docs/json.md uses (`type`,
/// `properties`, `required`, `items`, `enum`, `additionalProperties`, `format: date-time`, and
/// `$ref` to `#/$defs/NAME` in the shared definitions). A keyword outside it is itself a problem,
/// so the documentation cannot promise what nothing checks.
struct JSONSchema {
    let schema: JSONValue
    /// What `#/$defs/NAME` names.
    var definitions: [String: JSONValue] = [:]

    static let keywords: Set<String> = [
        "type", "properties", "required", "items", "enum", "additionalProperties", "format", "$ref", "$defs",
    ]

    /// Where `document` breaks the schema, each as `$.path.to[3].member: what is wrong`; empty
    /// when it conforms.
    func problems(in document: JSONValue) -> [String] {
        var problems: [String] = []
        check(document, against: schema, at: "$", into: &problems)
        return problems
    }

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [String]) {
        // `true` and `{}` allow anything; `false` nothing.
        if schema == .bool(false) { return problems.append("\(path): no value is allowed here") }
        guard case .object(let keywords) = schema else { return }
        for keyword in keywords.keys.sorted() where !Self.keywords.contains(keyword) {
            problems.append("\(path): the schema uses '\(keyword)', which this checker does not know")
        }
        if let reference = keywords["$ref"]?.stringValue {
            let prefix = "#/$defs/"
            guard reference.hasPrefix(prefix), let target = definitions[String(reference.dropFirst(prefix.count))]
            else { return problems.append("\(path): the schema refers to '\(reference)', which is not defined") }
            check(value, against: target, at: path, into: &problems)
        }
        if let type = keywords["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            guard allowed.contains(where: { Self.value(value, is: $0) }) else {
                return problems.append(
                    "\(path): \(Self.typeName(value)) where \(allowed.joined(separator: " or ")) is expected")
            }
        }
        if let options = keywords["enum"]?.arrayValue, !options.contains(value) {
            problems.append(
                "\(path): \(value.serialized()) is not one of \(options.map { $0.serialized() }.joined(separator: ", "))"
            )
        }
        if keywords["format"]?.stringValue == "date-time", case .string(let text) = value, !Self.isMoment(text) {
            problems.append("\(path): \"\(text)\" is not an RFC 3339 date-time with an offset")
        }
        if case .object(let members) = value {
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                problems.append("\(path): the member '\(name)' is missing")
            }
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[name] {
                    check(member, against: property, at: "\(path).\(name)", into: &problems)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        problems.append("\(path): the member '\(name)' is not in the schema")
                    } else {
                        check(member, against: additional, at: "\(path).\(name)", into: &problems)
                    }
                }
            }
        }
        if case .array(let items) = value, let itemSchema = keywords["items"] {
            for (i, item) in items.enumerated() {
                check(item, against: itemSchema, at: "\(path)[\(i)]", into: &problems)
            }
        }
    }

    private static func value(_ value: JSONValue, is type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let n)): n.rounded() == n
        default: false
        }
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// RFC 3339's `date-time`: a full date, `T`, a time with optional fractions, and the offset
    /// (`Z` or `±hh:mm`), which is what a moment without a zone lacks.
    static func isMoment(_ text: String) -> Bool {
        text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/#) != nil
    }
}
