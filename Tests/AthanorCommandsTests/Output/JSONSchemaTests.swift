import AthanorCore
import Testing

/// The checker the JSON format tests rely on, and docs/json.md as it reads it: a check that can
/// fail, over schemas that are there.
@Suite struct JSONSchemaTests {
    let schema = JSONSchema(
        schema: try! JSONValue.parse(
            """
            {"type": "object", "required": ["id", "at", "level", "tokens"],
             "properties": {
               "id": {"type": "integer"}, "at": {"$ref": "#/$defs/moment"},
               "level": {"enum": ["info", "error"]},
               "tokens": {"type": "array", "items": {"type": "object", "required": ["token"],
                          "properties": {"token": {"type": "string"}}, "additionalProperties": false}}},
             "additionalProperties": false}
            """),
        definitions: ["moment": ["type": ["string", "null"], "format": "date-time"]])

    func problems(_ text: String) throws -> [String] {
        schema.problems(in: try JSONValue.parse(text))
    }

    @Test func aConformingDocumentHasNoProblems() throws {
        #expect(try problems(#"{"id": 3, "at": "2026-12-04T08:10:55.123Z", "level": "info", "tokens": []}"#) == [])
        #expect(try problems(#"{"id": 3, "at": null, "level": "error", "tokens": [{"token": "a"}]}"#) == [])
        #expect(try problems(#"{"id": 3, "at": "2026-12-04T09:10:55+01:00", "level": "info", "tokens": []}"#) == [])
    }

    @Test func eachWayOfBreakingTheSchemaIsFoundWhereItIs() throws {
        #expect(
            try problems(#"{"id": 3, "level": "info", "tokens": []}"#) == ["$: the member 'at' is missing"])
        #expect(
            try problems(#"{"id": 3.5, "at": null, "level": "info", "tokens": []}"#)
                == ["$.id: a number where integer is expected"])
        #expect(
            try problems(#"{"id": 3, "at": null, "level": "warn", "tokens": []}"#)
                == [#"$.level: "warn" is not one of "info", "error""#])
        #expect(
            try problems(#"{"id": 3, "at": null, "level": "info", "tokens": [], "extra": 1}"#)
                == ["$: the member 'extra' is not in the schema"])
        #expect(
            try problems(#"{"id": 3, "at": null, "level": "info", "tokens": [{"token": "a", "prob": 1}]}"#)
                == ["$.tokens[0]: the member 'prob' is not in the schema"])
        #expect(
            try problems(#"{"id": 3, "at": "2026-12-04 08:10:55", "level": "info", "tokens": []}"#)
                == [#"$.at: "2026-12-04 08:10:55" is not an RFC 3339 date-time with an offset"#])
        #expect(try problems(#"[]"#) == ["$: an array where object is expected"])
    }

    @Test func aKeywordTheCheckerDoesNotKnowIsAProblemNotAPass() throws {
        let loose = JSONSchema(schema: ["oneOf": [["type": "string"]]])
        #expect(loose.problems(in: 3) == ["$: the schema uses 'oneOf', which this checker does not know"])
        let dangling = JSONSchema(schema: ["$ref": "#/$defs/nothing"])
        #expect(dangling.problems(in: 3) == ["$: the schema refers to '#/$defs/nothing', which is not defined"])
    }

    @Test func docsJSONGivesASchemaForEveryCommandWithJSONOutput() throws {
        let documentation = try JSONDocumentation.load()
        for command in [
            "run", "show", "runs", "sessions", "logs", "db status", "export --per point", "export --per token",
        ] {
            #expect(documentation.schema(command) != nil, "docs/json.md has no schema for \(command)")
        }
        let definitions = try #require(documentation.sections["Shared definitions"]?["$defs"]?.objectValue)
        for name in ["moment", "totals", "token", "result", "run", "log"] {
            #expect(definitions[name] != nil, "docs/json.md defines no \(name)")
        }
    }
}
