import AthanorCore
import AthanorLanguage
import Terminal

/// `:help [topic]`: a screen each, condensed from the language reference (docs/language.md), which has
/// the whole story. Kept in the binary so help works wherever athanor runs.
enum HelpTopics {
    static let topics: [(name: String, text: String)] = [
        (
            "model",
            """
            model NAME = "provider/model-id" [{ temperature: 0, max_tokens: 16, top_logprobs: 5, seed: 1 }]
              Binds a model. Parameters: temperature 0–2, top_p, max_tokens (default 256), seed, stop,
              frequency_penalty, presence_penalty, top_logprobs 0–20 (default 20), provider.
              TAB after `model x = "` completes OpenRouter model ids.
            """
        ),
        (
            "prompt",
            """
            prompt NAME = "Capital of {country}?"          one user message, a template
            prompt NAME { system "..."  user "..."  assistant "..." }   several; a final assistant is a prefill
              Apply it to arguments: capital(country: "Peru").
            """
        ),
        ("let", "let NAME = EXPR    binds a value; any name can be bound again (the newest wins)."),
        (
            "ask",
            """
            ask MODELS PROMPT
              One request per model, now. Shows each answer as a token heat-map and a table: each token,
              its probability, a bar, and the top alternatives (:set top N). The run becomes `_`.
              ask mini "The capital of France is"      ask [mini, llama] capital(country: "France")
            """
        ),
        (
            "sweep",
            """
            sweep NAME { models: [a, b]  prompt: p  vars: { country: ["Peru", "Chile"] }  params: { temperature: [0, 1] }
                         repeat: 3  concurrency: 4  turns: [...] }
              Runs the product of models × vars × params × repeat; binds NAME (and `_`) to the run.
              Ctrl-C stops it: the run is stored `cancelled` with the points that finished.
            """
        ),
        (
            "assert",
            """
            assert [all of | any of | 90% of | at least 3 of] RUN [where FILTER]: CONDITION ["message"]
              Checks CONDITION for each result, e.g.  assert 90% of s: prob("Paris") > 0.5
            """
        ),
        (
            "show",
            """
            show EXPR [where FILTER] [: COLUMN, ...]
              A run as a table (one row per result), columns as expressions: show s where model == mini: country, output
            """
        ),
        (
            "functions",
            "Functions: " + Builtins.functionNames.joined(separator: ", ")
                + "\n  prob(s, at: i), rank(s), entropy(), perplexity() read the current result; csv(\"f.csv\"), jsonl(\"f.jsonl\") read data."
        ),
        (
            "fields",
            """
            Fields: a run has id, name, status, results, session; a result has output, tokens, model, the point's
            variables, and more (TAB after `r.` lists them); a model has name, id, params.
            """
        ),
        (
            "meta",
            """
            :runs [N]        recent runs                    :show RUN    a stored run and its results
            :logs RUN        a run's log                    :sessions [N] recent sessions
            :resume RUN      finish an interrupted or cancelled run: sends only the points not yet stored
            :models [FILTER] OpenRouter models: logprobs, price per million tokens (cached for a day)
            :set [NAME VALUE] concurrency 1–256, top 0–20, color on|off, timing on|off, cache
                             on|off, stream on|off (an ask's tokens as they arrive),
                             max_cost USD|off (refuse a plan estimated above it, unsent)
            :load FILE       run a script's cells here      :save FILE  this session's cells as a script
            :history         what Up recalls                :help [TOPIC]  :quit (or Ctrl-D)
            """
        ),
        (
            "keys",
            """
            Emacs keys (your ~/.editrc applies). TAB completes; TAB twice lists. Up/Down recall history
            ($XDG_STATE_HOME/athanor/history; a line starting with a space is not kept). An entry goes on while
            a bracket, brace or \"\"\" is open. Ctrl-C clears the line, or stops a running cell (twice: stop waiting).
            Ctrl-D on an empty line quits.
            """
        ),
    ]

    static var names: [String] { topics.map(\.name) }

    static let summary = """
        Statements: model, prompt, let, ask, sweep, assert, show, and bare expressions (:help TOPIC for each).
        Meta-commands: :runs [N]  :show RUN  :logs RUN  :sessions  :compare A B  :replay SESSION [offline]  :resume RUN
                       :models [FILTER]  :set NAME VALUE  :load FILE  :save FILE  :history  :help [TOPIC]  :quit
        Topics: \(topics.map(\.name).joined(separator: ", ")). The full reference is docs/language.md.
        """

    /// The summary for no topic; a topic's text; an error naming the topics for anything else.
    static func text(for topic: String) throws(CellFailure) -> String {
        let key = topic.hasPrefix(":") ? "meta" : topic.lowercased()
        if key.isEmpty { return summary }
        if let found = topics.first(where: { $0.name == key }) { return found.text }
        if Completer.metaCommands.contains(key) || ["commands", "meta-commands"].contains(key) {
            return topics.first { $0.name == "meta" }!.text
        }
        var message = "there is no help on '\(topic)'"
        if let near = NameSuggestion.nearest(to: key, among: names) { message += "; did you mean '\(near)'?" }
        throw MetaCommands.usage(message + " Topics: " + names.joined(separator: ", "))
    }
}
