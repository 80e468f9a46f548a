/// Decides what TAB offers at the prompt: keywords, bound names, fields, functions, sweep keys, meta-commands,
/// file paths and model ids, each where the language allows it.
///
/// Pure: it reads only the request and its `CompletionContext` (the file system through the context's lister),
/// so every rule is tested without a terminal. The line editor calls it on each TAB.
public struct Completer: Sendable {
    public static let keywords = [
        "model", "prompt", "let", "ask", "sweep", "assert", "show", "if", "then", "else", "and", "or", "not", "in",
        "true", "false", "null", "where", "of", "all", "any", "at", "least",
    ]
    public static let sweepKeys = ["models", "model", "prompt", "vars", "params", "turns", "repeat", "concurrency"]
    public static let metaCommands = [
        "help", "quit", "runs", "show", "logs", "sessions", "replay", "resume", "compare", "load", "save", "history",
        "models", "set",
    ]
    /// The names `:set` accepts.
    public static let settings = ["concurrency", "top", "color", "timing", "cache", "stream", "max_cost"]

    public var context: CompletionContext

    public init(context: CompletionContext) {
        self.context = context
    }

    public func complete(_ request: TabCompletionRequest) -> TabCompletion {
        let line = request.line
        if request.earlierLines.isEmpty, line.drop(while: \.isWhitespace).first == ":" {
            return completeMetaCommand(String(line.drop(while: \.isWhitespace).dropFirst()))
        }
        let text = (request.earlierLines + [line]).joined(separator: "\n")
        let scan = InputScan(text)
        if scan.endsInComment || scan.endsInTripleQuotedString { return .none }
        if let string = scan.openString { return completeInString(string.lineBeforeQuote, typed: string.content) }

        let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        if word.first?.isNumber == true { return .none }
        let before = String(text.dropLast(word.count))
        if before.last == "." {
            let base = Self.fieldBase(before.dropLast())
            guard !base.isEmpty, !base.allSatisfy(\.isNumber) else { return .none }
            return Self.matching(word, context.fields(base))
        }
        let position = InputScan(before)
        if position.isAtSweepKey { return Self.matching(word, Self.sweepKeys, terminator: ": ") }
        if position.lastToken == "at" { return Self.matching(word, ["least"]) }
        if position.lastToken == "ask" {
            return Self.matching(word, context.bindings.filter { $0.kind == .model }.map(\.name))
        }
        let names = Self.keywords + context.bindings.map(\.name) + context.functions
        var completion = Self.matching(word, names)
        if completion.candidates.count == 1, context.functions.contains(completion.candidates[0]) {
            completion.terminator = "("
        }
        return completion
    }

    private func completeMetaCommand(_ text: String) -> TabCompletion {
        guard let space = text.firstIndex(where: \.isWhitespace) else { return Self.matching(text, Self.metaCommands) }
        let command = String(text[..<space])
        let argument = String(text[space...].drop(while: \.isWhitespace))
        switch command {
        case "load", "save": return completePath(argument, terminator: " ")
        case "models": return Self.matching(argument, context.modelIDs)
        case "set" where !argument.contains(" "): return Self.matching(argument, Self.settings)
        case "help" where !argument.contains(" "): return Self.matching(argument, Self.metaCommands + Self.keywords)
        default: return .none
        }
    }

    /// Inside `csv("…`, `jsonl("…` a path; inside `model NAME = "…` a model id; other strings are the user's text.
    private func completeInString(_ lineBeforeQuote: String, typed: String) -> TabCompletion {
        let code = lineBeforeQuote.trimmingSuffix(while: \.isWhitespace)
        if code.hasSuffix("csv(") || code.hasSuffix("jsonl(") {
            return completePath(typed, terminator: "\"")
        }
        let words = code.split(whereSeparator: \.isWhitespace)
        if words.count >= 3, words[0] == "model", InputScan.isIdentifier(String(words[1])), code.hasSuffix("=") {
            return Self.matching(typed, context.modelIDs, terminator: "\"")
        }
        return .none
    }

    private func completePath(_ typed: String, terminator: String) -> TabCompletion {
        let folder = typed.lastIndex(of: "/").map { String(typed[...$0]) } ?? ""
        let partial = String(typed.dropFirst(folder.count))
        let absolute: String
        if folder.hasPrefix("/") {
            absolute = folder
        } else if folder.hasPrefix("~/") {
            absolute = context.homeDirectory + folder.dropFirst()
        } else {
            absolute = context.directory + "/" + folder
        }
        let candidates = context.listDirectory(absolute)
            .filter { $0.name.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .map { folder + $0.name + ($0.isDirectory ? "/" : "") }
        var completion = Self.matching(typed, candidates, terminator: terminator)
        completion.listsLastPathComponent = true
        return completion
    }

    /// The expression before a `.`: identifiers, dots and indexing, e.g. `_.results[0]` in `_.results[0].out`.
    static func fieldBase(_ text: Substring) -> String {
        String(text.reversed().prefix { $0.isLetter || $0.isNumber || "_.[]".contains($0) }.reversed())
    }

    static func matching(_ word: String, _ names: [String], terminator: String = " ") -> TabCompletion {
        let candidates = Set(names.filter { $0.hasPrefix(word) }).sorted()
        return TabCompletion(word: word, candidates: candidates, terminator: terminator)
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, predicate(last) { result.removeLast() }
        return result
    }
}
