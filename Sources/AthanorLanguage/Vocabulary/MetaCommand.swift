/// The meta-commands (`:name argument`): the one list that the dispatch, `:help` and TAB completion read,
/// so a command cannot exist without help or completion, nor be listed without existing.
public enum MetaCommand: String, Sendable, CaseIterable {
    case runs, show, logs, watch, sessions, compare, replay, resume, models, set, load, save, edit, history, help, quit

    /// What TAB offers after the command's name.
    public enum Argument: Sendable, Hashable {
        case nothing
        case count
        case runID
        case sessionID
        case path
        case modelFilter
        case setting
        case helpTopic
    }

    /// The command for a typed name; `q` is `quit`.
    public init?(name: String) {
        if name == "q" {
            self = .quit
        } else {
            self.init(rawValue: name)
        }
    }

    /// How it is written, e.g. `:show RUN [tokens]`.
    public var usage: String {
        switch self {
        case .runs: ":runs [N]"
        case .show: ":show RUN [tokens]"
        case .logs: ":logs RUN"
        case .watch: ":watch RUN"
        case .sessions: ":sessions [N]"
        case .compare: ":compare A B"
        case .replay: ":replay SESSION [offline]"
        case .resume: ":resume RUN"
        case .models: ":models [FILTER]"
        case .set: ":set [NAME VALUE]"
        case .load: ":load FILE"
        case .save: ":save FILE"
        case .edit: ":edit [N]"
        case .history: ":history"
        case .help: ":help [TOPIC]"
        case .quit: ":quit"
        }
    }

    /// What it does, in a few words for `:help meta`.
    public var summary: String {
        switch self {
        case .runs: "recent runs"
        case .show: "a stored run and its results (tokens: each token too)"
        case .logs: "a run's log"
        case .watch: "follow a run another process (or workers) runs, until it ends; Ctrl-C stops watching"
        case .sessions: "recent sessions"
        case .compare: "drift between two stored runs, as compare(a, b)"
        case .replay: "a stored session run again as a new one; offline sends nothing"
        case .resume: "finish an interrupted or cancelled run: sends only the points not yet stored"
        case .models: "OpenRouter models: logprobs, price per million tokens (cached for a day)"
        case .set: "list the settings, or change one (:help settings)"
        case .load: "run a script's cells here"
        case .save: "this session's cells as a script"
        case .edit:
            "$EDITOR on the last cell (or cell N; on a continuation line, the entry so far); the saved text runs"
        case .history: "what Up recalls"
        case .help: "this help; TOPIC is a keyword, a meta-command or one of the topics"
        case .quit: "end the session (or Ctrl-D on an empty line)"
        }
    }

    public var argument: Argument {
        switch self {
        case .runs, .sessions: .count
        case .show, .logs, .watch, .resume, .compare: .runID
        case .replay: .sessionID
        case .models: .modelFilter
        case .set: .setting
        case .load, .save: .path
        case .help: .helpTopic
        case .edit, .history, .quit: .nothing
        }
    }

    /// Only the interactive prompt can do it; `:save` leaves such cells out of the script it writes.
    public var isPromptOnly: Bool {
        switch self {
        case .save, .load, .edit, .history, .resume, .quit: true
        default: false
        }
    }
}
