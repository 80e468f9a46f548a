import AthanorLanguage

/// Decides what TAB offers at the prompt: keywords, bound names, fields, functions, sweep keys, meta-commands
/// and their arguments (settings and their values, help topics, run ids), a result's names after `where`,
/// file paths and model ids, each where the language allows it.
///
/// Pure: it reads only the request and its `CompletionContext` (the file system through the context's lister),
/// so every rule is tested without a terminal. The line editor calls it on each TAB.
public struct Completer: Sendable {
    /// Every word the vocabulary (`AthanorLanguage`) lists, so completion never drifts from the parser.
    static let keywords = Keyword.allCases.map(\.rawValue)
    static let sweepKeys = SweepKey.allCases.map(\.rawValue)
    static let metaCommands = MetaCommand.allCases.map(\.rawValue)
    static let settings = SettingName.allCases.map(\.rawValue)
    /// After `:help`: the topics, the keywords and the meta-commands.
    static let helpTopics = HelpTopic.allCases.map(\.rawValue) + keywords + metaCommands

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
        let scan = EntryScan(text)
        if scan.endsInComment || scan.endsInMultilineString { return .none }
        if let string = scan.openString { return completeInString(string.lineBeforeQuote, typed: string.content) }

        let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
        if word.first?.isNumber == true { return .none }
        let before = String(text.dropLast(word.count))
        if before.last == "." {
            let base = Self.fieldBase(before.dropLast())
            guard !base.isEmpty, !base.allSatisfy(\.isNumber) else { return .none }
            return Self.matching(word, context.fields(base))
        }
        let position = EntryScan(before)
        if position.isAtSweepKey { return Self.matching(word, Self.sweepKeys, terminator: ": ") }
        if position.lastToken == "at" { return Self.matching(word, ["least"]) }
        if position.lastToken == "ask" || position.lastToken == "score" {
            return Self.matching(word, context.bindings.filter { $0.kind == .model }.map(\.name))
        }
        let names = Self.keywords + context.bindings.map(\.name) + context.functions + resultNames(before)
        var completion = Self.matching(word, names)
        if completion.candidates.count == 1, context.functions.contains(completion.candidates[0]) {
            completion.terminator = "("
        }
        return completion
    }

    private func completeMetaCommand(_ text: String) -> TabCompletion {
        guard let space = text.firstIndex(where: \.isWhitespace) else { return Self.matching(text, Self.metaCommands) }
        guard let command = MetaCommand(name: String(text[..<space])) else { return .none }
        let argument = String(text[space...].drop(while: \.isWhitespace))
        let words = argument.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        switch command.argument {
        case .path: return completePath(argument, terminator: " ")
        case .modelFilter: return Self.matching(argument, context.modelIDs)
        case .setting where words.count == 1: return Self.matching(argument, Self.settings)
        case .setting where words.count == 2:
            let choices = SettingName(rawValue: words[0])?.choices ?? []
            return Self.matching(words[1], choices)
        case .helpTopic where words.count == 1: return Self.matching(argument, Self.helpTopics)
        case .runID where words.count == 1 || (command == .compare && words.count == 2):
            return Self.matching(words.last ?? "", context.runIDs)
        default: return .none
        }
    }

    /// In `show RUN where …` or `show RUN: …`, and in `assert … RUN where …` or `…: CONDITION`, each result's
    /// names are in scope: its fields and its point's variables (a CSV row's columns, say).
    private func resultNames(_ text: String) -> [String] {
        let words = Self.words(text)
        guard let first = words.first?.text, first == "show" || first == "assert" else { return [] }
        let runs = Set(context.bindings.filter { $0.kind == .run }.map(\.name))
        let run = first == "show" ? words.dropFirst().first : words.dropFirst().first { runs.contains($0.text) }
        guard let run else { return [] }
        let rest = text[run.end...]
        let scoped = rest.contains(":") || Self.words(String(rest)).contains { $0.text == "where" }
        return scoped ? context.fields(run.text + ".results[0]") : []
    }

    /// The identifiers and numbers of `text`, each with where it ends.
    private static func words(_ text: String) -> [(text: String, end: String.Index)] {
        var words: [(text: String, end: String.Index)] = []
        var start: String.Index?
        for index in text.indices {
            let isWord = text[index].isLetter || text[index].isNumber || text[index] == "_"
            if isWord, start == nil { start = index }
            if !isWord, let begun = start {
                words.append((String(text[begun..<index]), index))
                start = nil
            }
        }
        if let begun = start { words.append((String(text[begun...]), text.endIndex)) }
        return words
    }

    /// Inside `csv("…`, `jsonl("…` a path; inside `model NAME = "…` a model id; other strings are the user's text.
    private func completeInString(_ lineBeforeQuote: String, typed: String) -> TabCompletion {
        let code = lineBeforeQuote.trimmingSuffix(while: \.isWhitespace)
        if code.hasSuffix("csv(") || code.hasSuffix("jsonl(") {
            return completePath(typed, terminator: "\"")
        }
        let words = code.split(whereSeparator: \.isWhitespace)
        if words.count >= 3, words[0] == "model", EntryScan.isIdentifier(String(words[1])), code.hasSuffix("=") {
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
