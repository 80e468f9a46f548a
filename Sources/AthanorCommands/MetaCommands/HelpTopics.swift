import AthanorCore
import AthanorLanguage
import Foundation

/// `:help [topic]`: a screen each, condensed from the language reference (docs/language.md), which has
/// the whole story. Kept in the binary so help works wherever athanor runs.
enum HelpTopics {
    /// The screen for each topic; the switch is exhaustive, so a topic added to `HelpTopic` needs text here.
    static func text(of topic: HelpTopic) -> String {
        switch topic {
        case .model:
            """
            model NAME = "provider/model-id" [{ temperature: 0, max_tokens: 16, top_logprobs: 5, seed: 1 }]
              Binds a model. Parameters: temperature 0–2, top_p, max_tokens (default 256), seed, stop,
              frequency_penalty, presence_penalty, top_logprobs 0–20 (default 20), provider.
              TAB after `model x = "` completes OpenRouter model ids.
            """
        case .prompt:
            """
            prompt capital = "Capital of {country}?"      one user message; {country} is a placeholder
            prompt NAME { system "..."  user "..."  assistant "..." }   several; a final assistant is a prefill
              A prompt is applied to values for its placeholders: capital(country: "Peru").
            """
        case .let: "let NAME = EXPR    binds a value; any name can be bound again (the newest wins)."
        case .ask:
            """
            ask MODELS PROMPT
              One request per model, now. Shows each answer as a token heat-map and a table: each token,
              its probability, a bar, and the top alternatives (:set top N). The run becomes `_`.
              ask mini "The capital of France is"      ask [mini, llama] capital(country: "France")
            """
        case .score:
            """
            score MODELS PROMPT TEXT
              How likely each model finds TEXT as its answer: one request per token, each prefilling the
              text scored so far (max_tokens 1, top_logprobs 20). The run becomes `_`; `scored.logprob`,
              `scored.complete`, `tokens` (one per step). In a sweep: score: EXPR, per point.
              score mini "The capital of France is" "Paris"
            """
        case .sweep:
            """
            sweep NAME {
              models: [a, b]                        (or model: EXPR)
              prompt: p
              vars: { country: ["Peru", "Chile"] }  (or a list of records, e.g. csv("cases.csv"))
              params: { temperature: [0, 1] }
              repeat: 3, concurrency: 4, turns: [...]
            }
              Keys go one a line or are separated by commas. Keys: \(SweepKey.allCases.map(\.rawValue).joined(separator: ", ")).
              Runs the product of models × vars × params × repeat; binds NAME (and `_`) to the run.
              Ctrl-C stops it: the run is stored `cancelled` with the points that finished.
            """
        case .assert:
            """
            assert [all of | any of | 90% of | at least 3 of] RUN [where FILTER]: CONDITION ["message"]
              Checks CONDITION for each result, e.g.  assert 90% of s: prob("Paris") > 0.5
              With aggregates it is checked once over the results:  assert s: brier(prob("Yes"), truth == "true") < 0.2
            """
        case .show:
            """
            show EXPR [where FILTER] [by KEY, ...] [: COLUMN, ...]
              A run as a table (one row per result), columns as expressions: show s where model == mini: country, output
              In FILTER and COLUMN a result's fields and its point's variables (a CSV row's columns) are names.
              by: one row per group, columns reduced over it:  show s by model: mean(prob("Yes")), count()
            """
        case .values:
            """
            _        the last value: an ask's or a sweep's run, or a bare expression's value
            _N       the value cell N gave, at the prompt (_3.results[0].output); a let or :command gives none
            run(ID)  any stored run (see :runs), e.g. run(12).results[0].output
            """
        case .functions:
            "Functions: " + Builtins.functionNames.joined(separator: ", ")
                + "\n  prob(s, at: i), rank(s), entropy(), perplexity() read the current result; csv(\"f.csv\"), jsonl(\"f.jsonl\") read data."
                + "\n  seq_prob(\"New York\"), seq_logprob(s): the answer's first tokens spelling s, null if it starts otherwise."
                + "\n  Each logprob function takes turn: n (from 1; default the last turn), e.g. prob(\"Yes\", turn: 1)."
                + "\n  Reductions over a run (show … by, assert): mean sum count min max stddev median quantile share"
                + "\n  accuracy brier ece calibration, e.g. calibration(prob(\"Yes\"), truth == \"true\", bins: 5)."
        case .fields:
            """
            Fields: a run has id, name, status, results, session; a result has output, tokens, model, the point's
            variables, and more (TAB after `r.` lists them); a model has name, id, params.
            """
        case .meta:
            MetaCommand.allCases.map { command in
                command.usage.padding(toLength: 27, withPad: " ", startingAt: 0) + command.summary
            }.joined(separator: "\n")
        case .settings:
            ":set NAME VALUE (:set alone lists them):\n"
                + SettingName.allCases.map { setting in
                    "  " + (setting.rawValue + " " + setting.values).padding(toLength: 22, withPad: " ", startingAt: 0)
                        + setting.summary
                }.joined(separator: "\n")
        case .keys:
            """
            Emacs keys (your ~/.editrc applies). TAB completes; TAB twice lists. Up/Down recall history
            ($XDG_STATE_HOME/athanor/history; a line starting with a space is not kept). An entry goes on while
            a bracket, brace or \"\"\" is open. Ctrl-C clears the entry, or stops a running cell (twice: stop waiting).
            Ctrl-D on an empty line quits; on a continuation line it abandons the entry.
            Output taller than the screen goes through $PAGER (default less -FRX; PAGER= or :set pager off: none).
            :edit opens $VISUAL or $EDITOR on the last cell (on a continuation line: the entry so far).
            $XDG_CONFIG_HOME/athanor/startup.ath (else ~/.config/athanor/startup.ath) runs first in every
            session. TERM=dumb or NO_COLOR: no colour.
            """
        }
    }

    static var names: [String] { HelpTopic.allCases.map(\.rawValue) }

    static var summary: String {
        """
        Statements: \(Keyword.allCases.filter(\.startsStatement).map(\.rawValue).joined(separator: ", ")), and bare expressions.
        Meta-commands: \(wrapped(MetaCommand.allCases.map(\.usage), width: 100, indent: 15, separator: "  "))
        Topics (:help TOPIC): \(wrapped(names, width: 100, indent: 22, separator: ", ")).
        The full reference is docs/language.md.
        """
    }

    /// `items` joined by `separator` on lines of at most `width` columns, later lines indented.
    static func wrapped(_ items: [String], width: Int, indent: Int, separator: String) -> String {
        var lines = [""]
        // A line that is broken ends with the separator's mark (","), which must fit too.
        let mark = separator.trimmingCharacters(in: .whitespaces)
        for item in items {
            let line = lines[lines.count - 1]
            if !line.isEmpty, indent + line.count + separator.count + item.count + mark.count > width {
                lines[lines.count - 1] = line + separator.trimmingCharacters(in: .whitespaces)
                lines.append(item)
            } else {
                lines[lines.count - 1] = line.isEmpty ? item : line + separator + item
            }
        }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// The summary for no topic; a topic's text; an error naming the topics for anything else.
    static func text(for topic: String) throws(CellFailure) -> String {
        if topic.isEmpty { return summary }
        if let found = HelpTopic(asked: topic) { return text(of: found) }
        let key = topic.lowercased()
        var message = "there is no help on '\(topic)'"
        if let near = NameSuggestion.nearest(to: key, among: names) { message += "; did you mean '\(near)'?" }
        throw MetaCommands.usage(message + " Topics: " + names.joined(separator: ", "))
    }
}
