import AthanorCore
import Foundation
import MCP

/// How a tool answers: a JSON document as `structuredContent` and, as the specification asks, the
/// same document serialized as the text content (what most clients show the model); or a sentence
/// with `isError` for a call that was understood but failed.
enum McpReply {
    static func json(_ document: JSONValue) -> CallTool.Result {
        let text = document.serialized()
        let structured = try? JSONDecoder().decode(Value.self, from: Data(text.utf8))
        return CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: structured)
    }

    static func failure(_ sentence: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: sentence, annotations: nil, _meta: nil)], isError: true)
    }
}
