import ArgumentParser

/// `athanor`: the notebook at the prompt, scripts in batch, and the database behind both.
public struct Athanor: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "athanor",
        abstract: "A notebook for language-model experiments: every token's probability and its alternatives.",
        discussion: """
            Environment: OPENROUTER_API_KEY, OPENROUTER_BASE_URL (or OPENAI_BASE_URL and an optional \
            OPENAI_API_KEY for a plain OpenAI-compatible server), DATABASE_URL (or libpq's PG* variables), \
            NO_COLOR. Without a database setting, athanor runs its own private PostgreSQL.
            """,
        version: version,
        subcommands: [
            ReplCommand.self, RunCommand.self, SessionsCommand.self, RunsCommand.self, ShowCommand.self,
            LogsCommand.self,
            ExportCommand.self, ReportCommand.self, ReplayCommand.self, ResumeCommand.self, WatchCommand.self,
            WorkerCommand.self, McpCommand.self, DatabaseCommand.self, CompletionsCommand.self,
        ],
        defaultSubcommand: ReplCommand.self
    )

    public init() {}
}

extension Athanor {
    /// Parses the process's arguments, runs the command, and exits with its status.
    public static func runFromCommandLine() async {
        await main()
    }
}
