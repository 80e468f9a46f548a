import AthanorCore
import AthanorLanguage
import Foundation
import OpenRouter
import Terminal

/// The meta-commands of scripts and the prompt, in one place: `:runs :show :logs :sessions` read the store,
/// `:help` explains, `:set` and `:models` tune and inform the session, `:quit` ends it, and the REPL-only
/// `:load :save :edit :history` go through the `Notebook` the prompt gives (a script has none, and says so).
///
/// Each command either does its work (`.handled`), asks to stop (`.quit`), or throws a `CellFailure` with
/// a sentence for the user, like any failing statement.
struct MetaCommands: MetaCommandHandler {
    let store: any RunStore
    let renderer: EventRenderer
    var settings = SessionSettings()
    /// The model list (cached for a day); nil where there is no provider to ask.
    var models: (@Sendable () async -> ModelCache.Listing)?
    /// The live provider, for `:replay` without `offline`; nil where requests cannot be sent.
    var provider: (@Sendable () -> any CompletionProvider)?
    /// The prompt's side of `:load`, `:save` and `:history`; nil in scripts.
    var notebook: (any Notebook)?
    /// Relative paths of `:load` and `:save` start here.
    var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    func handle(name: String, argument: String, output: any CellOutput) async throws(CellFailure) -> MetaCommandOutcome
    {
        let argument = argument.trimmingCharacters(in: .whitespaces)
        do {
            guard let command = MetaCommand(name: name) else {
                var message = "unknown meta-command ':\(name)'"
                if let near = NameSuggestion.nearest(to: name, among: MetaCommand.allCases.map(\.rawValue)) {
                    message += "; did you mean ':\(near)'?"
                }
                output.emit(.warning(message + " (try :help)"))
                return .handled
            }
            switch command {
            case .quit: return .quit
            case .runs: try await listRuns(argument, output: output)
            case .show: try await showRun(argument, output: output)
            case .logs: try await showLogs(argument, output: output)
            case .watch: try await watchRun(argument, output: output)
            case .sessions: try await listSessions(argument, output: output)
            case .compare: try await compareRuns(argument, output: output)
            case .replay: try await replaySession(argument, output: output)
            case .resume: try await resumeRun(argument, output: output)
            case .help: output.emit(.text(try HelpTopics.text(for: argument)))
            case .set: try assign(argument, output: output)
            case .models: await listModels(argument, output: output)
            case .load: try load(argument, output: output)
            case .save: try save(argument, output: output)
            case .edit: try edit(argument, output: output)
            case .history: try listHistory(output: output)
            }
            return .handled
        } catch let failure as CellFailure {
            throw failure
        } catch {
            throw .store("\(error)")
        }
    }

    /// A mistake in how a command was used: reported like a script error, without a source position.
    static func usage(_ message: String) -> CellFailure {
        .script(Diagnostic(.error, message, at: .none))
    }

    func requireNotebook(_ name: String) throws(CellFailure) -> any Notebook {
        guard let notebook else { throw Self.usage(":\(name) works only at the interactive prompt") }
        return notebook
    }

    func runID(_ argument: String, for name: String) throws(CellFailure) -> Int64 {
        guard let id = Int64(argument), id > 0 else { throw Self.usage(":\(name) needs a run id, e.g. :\(name) 12") }
        return id
    }

    func count(_ argument: String, for name: String, default value: Int) throws(CellFailure) -> Int {
        if argument.isEmpty { return value }
        guard let n = Int(argument), n > 0 else {
            throw Self.usage(":\(name) takes a positive count, e.g. :\(name) 20")
        }
        return n
    }
}

/// What only the interactive prompt has: its history, the cells typed so far, and a queue of cells to run next.
protocol Notebook: Sendable {
    /// Entries recalled by Up, oldest first.
    func historyEntries() -> [String]
    /// This session's cells so far, in order, for `:save`.
    func sessionCells() -> [NotebookCell]
    /// Cells of a loaded file, run by the prompt's loop as cells of their own once the current one ends.
    func enqueue(_ cells: [Cell], from file: SourceFile)
    /// Opens `$EDITOR` on `text`; what the user saves, or nil when the editor failed or was left unsaved.
    func edit(_ text: String) throws(CellFailure) -> String?
    /// An entry typed (or edited) to run next, as if typed at the prompt.
    func enqueueEntry(_ text: String)
}
