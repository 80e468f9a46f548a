import MCP

/// The tools `athanor mcp` offers: their names, what each does (read by the model that calls
/// them) and their arguments as JSON Schema. The handlers are `RunBrowsingTools`, `ScriptTool`
/// and `RunCancellation`; `McpToolbox` sends each call to its handler.
enum McpToolCatalogue {
    static let listRuns = "list_runs"
    static let showRun = "show_run"
    static let runTokens = "run_tokens"
    static let runLogs = "run_logs"
    static let runScript = "run_script"
    static let cancelRun = "cancel_run"

    static let tools: [Tool] = [
        Tool(
            name: listRuns, title: "List runs",
            description: "Stored runs, newest first: id, name, status, session, when, points, tokens and cost.",
            inputSchema: object([
                "session": integer("Only this session's runs.", minimum: 1),
                "status": [
                    "type": "string", "description": "Only runs with this status.",
                    "enum": ["pending", "running", "completed", "failed", "cancelled", "interrupted"],
                ],
                "limit": integer("How many runs (default 20, at most 200).", minimum: 1, maximum: 200),
            ]),
            annotations: .init(readOnlyHint: true, openWorldHint: false)),
        Tool(
            name: showRun, title: "Show a run",
            description: """
                One run: definition, status, totals, and one page of its results in plan order (each point's \
                label, model, output, finish reason, tokens, cost, latency and first token's probability). \
                Pass next_cursor back as cursor for the next page.
                """,
            inputSchema: object(
                [
                    "run": integer("The run id.", minimum: 1),
                    "page_size": integer("Results per page (default 20, at most 100).", minimum: 1, maximum: 100),
                    "cursor": ["type": "string", "description": "next_cursor from the previous page."],
                ], required: ["run"]),
            annotations: .init(readOnlyHint: true, openWorldHint: false)),
        Tool(
            name: runTokens, title: "A result's tokens",
            description: """
                One point's answer token by token: each token's probability and log probability and its top \
                alternatives (as stored, up to 20). Points are numbered in plan order from 0.
                """,
            inputSchema: object(
                [
                    "run": integer("The run id.", minimum: 1),
                    "point": integer("The point's index in the plan, from 0.", minimum: 0),
                    "top": integer("Alternatives per token (default 5, 0–20).", minimum: 0, maximum: 20),
                ], required: ["run", "point"]),
            annotations: .init(readOnlyHint: true, openWorldHint: false)),
        Tool(
            name: runLogs, title: "A run's log",
            description: "A run's log entries (retries, errors, events), oldest first, the last `limit` of them.",
            inputSchema: object(
                [
                    "run": integer("The run id.", minimum: 1),
                    "level": [
                        "type": "string", "description": "Only entries at this level or above.",
                        "enum": ["debug", "info", "warning", "error"],
                    ],
                    "limit": integer("How many entries (default 100, at most 1000).", minimum: 1, maximum: 1000),
                ], required: ["run"]),
            annotations: .init(readOnlyHint: true, openWorldHint: false)),
        Tool(
            name: runScript, title: "Run an Athanor script",
            description: """
                Checks an Athanor script (the text of a .ath file) and plans every request. By default \
                (dry_run true) nothing is sent or stored: the answer is each plan and its estimated cost. \
                Only with dry_run false are requests sent (and paid for): the answer then gives the plan and \
                estimated cost first, then the run ids, what the script printed, and its status. With wait \
                false it returns as soon as the first run is stored; cancel_run stops it.
                """,
            inputSchema: object(
                [
                    "script": ["type": "string", "description": "The script's text."],
                    "dry_run": [
                        "type": "boolean", "default": true,
                        "description": "true (the default): plan and estimate only. false: send the requests.",
                    ],
                    "max_cost": [
                        "type": "number", "minimum": 0,
                        "description":
                            "Refuse a real run estimated above this many US dollars (or with an unpriced model).",
                    ],
                    "wait": [
                        "type": "boolean", "default": true,
                        "description": "false: return once the first run is stored, leaving the script running.",
                    ],
                    "concurrency": integer(
                        "Requests in flight for sweeps that do not say (default 8).", minimum: 1, maximum: 256),
                ], required: ["script"]),
            annotations: .init(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true)),
        Tool(
            name: cancelRun, title: "Cancel a run",
            description: """
                Stops a run this server started (run_script with dry_run false): requests in flight are \
                cancelled and the run is stored cancelled with what finished. A run another process runs is \
                stopped there (Ctrl-C or SIGTERM), not from here.
                """,
            inputSchema: object(["run": integer("The run id.", minimum: 1)], required: ["run"]),
            annotations: .init(readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false)),
    ]

    /// Every argument each tool takes (so that a misspelt one is refused, not ignored).
    static func arguments(of name: String) -> [String]? {
        guard let tool = tools.first(where: { $0.name == name }) else { return nil }
        return tool.inputSchema.objectValue?["properties"]?.objectValue?.keys.sorted() ?? []
    }

    private static func object(_ properties: [String: Value], required: [String] = []) -> Value {
        [
            "type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
            "additionalProperties": false,
        ]
    }

    private static func integer(_ description: String, minimum: Int, maximum: Int? = nil) -> Value {
        var schema: [String: Value] = [
            "type": "integer", "description": .string(description), "minimum": .int(minimum),
        ]
        if let maximum { schema["maximum"] = .int(maximum) }
        return .object(schema)
    }
}
