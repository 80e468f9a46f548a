import AthanorCore
import MCP

/// Answers `tools/call`: reads the call's arguments against the catalogue and sends it to its
/// handler. What the handler could not do is the tool's result with `isError` and a sentence; the
/// database's failures are said the way every command says them, with no password in them.
struct McpToolbox: Sendable {
    let browsing: RunBrowsingTools
    let script: ScriptTool
    let cancellation: RunCancellation

    func call(_ parameters: CallTool.Parameters) async throws -> CallTool.Result {
        let name = parameters.name
        guard let accepted = McpToolCatalogue.arguments(of: name) else {
            let tools = McpToolCatalogue.tools.map(\.name).joined(separator: ", ")
            throw MCPError.invalidParams("there is no tool '\(name)'; the tools are \(tools)")
        }
        do {
            let arguments = try McpArguments(tool: name, values: parameters.arguments, accepted: accepted)
            return McpReply.json(try await handle(name, arguments))
        } catch let error as McpToolError {
            return McpReply.failure(error.description)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return McpReply.failure(ServiceFactory.describe(storeFailure: error))
        }
    }

    private func handle(_ name: String, _ arguments: McpArguments) async throws -> JSONValue {
        switch name {
        case McpToolCatalogue.listRuns: try await browsing.listRuns(arguments)
        case McpToolCatalogue.showRun: try await browsing.showRun(arguments)
        case McpToolCatalogue.runTokens: try await browsing.runTokens(arguments)
        case McpToolCatalogue.runLogs: try await browsing.runLogs(arguments)
        case McpToolCatalogue.runScript: try await script.run(arguments)
        case McpToolCatalogue.cancelRun: try await cancellation.cancel(arguments)
        default: throw McpToolError.invalid("there is no tool '\(name)'")
        }
    }
}
