import AthanorCore
import Foundation
import MCP

/// The Model Context Protocol server behind `athanor mcp`: the SDK's `Server` on standard input
/// and output (one JSON-RPC message a line), with the tools of `McpToolCatalogue` and the runs as
/// resources. Standard output carries only the protocol; anything else goes to standard error.
struct McpServer: Sendable {
    let services: ServiceFactory
    let registry = McpRunRegistry()

    static let instructions = """
        Athanor keeps language-model experiments in PostgreSQL: every run, each point's answer, and every \
        token's log probability with its top alternatives. list_runs and show_run browse them, run_tokens \
        reads one answer token by token, run_logs reads a run's log. run_script plans a script without \
        sending anything unless dry_run is false (which costs money: check the plan and cost first).
        """

    /// Serves until the client closes standard input (or the task is cancelled, by SIGTERM or
    /// Ctrl-C); then stops the scripts still running, which are stored `cancelled`.
    func serve() async -> ExitStatus {
        let services = services
        let store: @Sendable () async throws -> any RunStore = { try await services.store() }
        // Opened once up front so that a private cluster starts before the first call; a database
        // that is down is said by each call instead.
        _ = try? await store()
        let browsing = RunBrowsingTools(store: store)
        let toolbox = McpToolbox(
            browsing: browsing,
            script: ScriptTool(
                services: services, registry: registry,
                directory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)),
            cancellation: RunCancellation(store: store, registry: registry))
        let resources = RunResources(browsing: browsing)

        let server = Server(
            name: "athanor", version: Athanor.version, title: "Athanor", instructions: Self.instructions,
            capabilities: .init(
                resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: McpToolCatalogue.tools) }
        await server.withMethodHandler(CallTool.self) { parameters in try await toolbox.call(parameters) }
        await server.withMethodHandler(ListResources.self) { _ in
            do { return ListResources.Result(resources: try await resources.list()) } catch {
                throw MCPError.internalError(ServiceFactory.describe(storeFailure: error))
            }
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [RunResources.template])
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            do { return ReadResource.Result(contents: [try await resources.read(parameters.uri)]) } catch let error
                as McpToolError
            {
                throw error.resourceError
            } catch {
                throw MCPError.internalError(ServiceFactory.describe(storeFailure: error))
            }
        }
        do {
            try await server.start(transport: StdioTransport())
        } catch {
            StandardStreams.error("athanor: the MCP server could not start on standard input and output: \(error)\n")
            return .serviceFailed
        }
        await withTaskCancellationHandler {
            await server.waitUntilCompleted()
        } onCancel: {
            Task { await server.stop() }
        }
        await registry.cancelAll()
        return Task.isCancelled ? .interrupted : .success
    }
}
