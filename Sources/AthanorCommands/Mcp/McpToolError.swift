import MCP

/// Why a tool call or a resource read could not be answered, in one sentence for the person (or
/// model) that asked. In a tool call, both kinds are the tool's result with `isError: true`, as
/// the protocol asks since 2025-11-25 (SEP-1303), so that the model reads the sentence and tries
/// again; only an unknown tool is a JSON-RPC error (-32602). In a resource read, a wrong URI is
/// `invalidParams` (-32602) and a run that does not exist is "resource not found" (-32002).
struct McpToolError: Error, CustomStringConvertible {
    enum Code: Sendable {
        /// The request itself is wrong: a missing or bad argument, a URI of another server.
        case invalidRequest
        /// The request was understood; doing it failed (no such run, a wrong script).
        case failed
    }

    var code: Code
    var description: String

    static func invalid(_ sentence: String) -> McpToolError {
        McpToolError(code: .invalidRequest, description: sentence)
    }
    static func failed(_ sentence: String) -> McpToolError { McpToolError(code: .failed, description: sentence) }

    /// The JSON-RPC error of a resource read, carrying the sentence.
    var resourceError: MCPError {
        switch code {
        case .invalidRequest: .invalidParams(description)
        case .failed: .serverError(code: -32002, message: description)
        }
    }
}
