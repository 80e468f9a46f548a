import ArgumentParser
import Foundation

/// `athanor mcp`: a Model Context Protocol server on standard input and output, for an MCP client
/// (Claude Desktop, an editor, an agent) to browse runs and plan or run scripts.
struct McpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve stored runs and scripts to an MCP client over standard input and output.",
        discussion: """
            Speaks the Model Context Protocol (JSON-RPC 2.0, one message a line) on standard input and \
            output: tools list_runs, show_run, run_tokens, run_logs, run_script (a dry run unless dry_run \
            is false) and cancel_run, and each run as the resource athanor://run/ID. Started by the \
            client, which gives it the environment (OPENROUTER_API_KEY, DATABASE_URL); see docs/mcp.md.
            """)

    func run() async throws {
        let services = ServiceFactory(environment: ProcessInfo.processInfo.environment)
        let status = await Interrupts.batch { await McpServer(services: services).serve() }
        if status != .success { throw status.exitCode }
    }
}
