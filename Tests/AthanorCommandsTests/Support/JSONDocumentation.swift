import AthanorCore
import AthanorTestSupport
import Foundation

/// The schemas docs/json.md gives, read from the file: each `## NAME` section's first ```json
/// block, with the `$defs` of the section "Shared definitions" for their references.
struct JSONDocumentation {
    let sections: [String: JSONValue]

    static func load() throws -> JSONDocumentation {
        let path = BuiltProduct.packageRoot.appendingPathComponent("docs/json.md").path
        return try JSONDocumentation(markdown: String(contentsOfFile: path, encoding: .utf8))
    }

    init(markdown: String) throws {
        var sections: [String: JSONValue] = [:]
        var heading: String?
        var block: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if let open = block {
                if line == "```" {
                    if let heading, sections[heading] == nil {
                        sections[heading] = try JSONValue.parse(open.joined(separator: "\n"))
                    }
                    block = nil
                } else {
                    block = open + [line]
                }
            } else if line.hasPrefix("## ") {
                heading = String(line.dropFirst(3))
            } else if line == "```json" {
                block = []
            }
        }
        self.sections = sections
    }

    /// The schema of the section `name` (`runs`, `db status`, …).
    func schema(_ name: String) -> JSONSchema? {
        guard let schema = sections[name] else { return nil }
        return JSONSchema(schema: schema, definitions: sections["Shared definitions"]?["$defs"]?.objectValue ?? [:])
    }
}
