import AthanorCore
import Foundation
import Terminal

/// What TAB can offer, refreshed by the loop after each cell and read by the line editor on each TAB.
///
/// The editor calls the completer synchronously on its own queue, so it cannot ask the interpreter actor;
/// instead the loop copies the bindings here, behind a lock, and the model ids arrive when the catalog does.
final class CompletionState: @unchecked Sendable {  // every stored property is guarded by `lock`
    private let lock = NSLock()
    private var values: [String: Value] = [:]
    private var modelIDs: [String] = []
    private var runIDs: [String] = []
    private let directory: String
    private let home: String

    init(directory: String, home: String) {
        self.directory = directory
        self.home = home
    }

    func update(bindings: [String: Value]) {
        lock.withLock { values = bindings }
    }

    func update(modelIDs ids: [String]) {
        lock.withLock { modelIDs = ids }
    }

    func update(runIDs ids: [Int64]) {
        lock.withLock { runIDs = ids.map(String.init) }
    }

    /// The completer for the line editor.
    var completer: @Sendable (TabCompletionRequest) -> TabCompletion {
        { [self] request in Completer(context: context()).complete(request) }
    }

    func context() -> CompletionContext {
        let (values, modelIDs, runIDs) = lock.withLock { (self.values, self.modelIDs, self.runIDs) }
        let bindings = values.map { name, value in CompletionContext.Binding(name: name, kind: Self.kind(of: value)) }
        return CompletionContext(
            bindings: bindings.sorted { $0.name < $1.name },
            fields: { base in Self.value(at: base, in: values)?.fieldNames ?? [] },
            functions: Builtins.functionNames, modelIDs: modelIDs, runIDs: runIDs, directory: directory,
            homeDirectory: home)
    }

    static func kind(of value: Value) -> CompletionContext.Binding.Kind {
        switch value {
        case .model: .model
        case .prompt: .prompt
        case .run: .run
        default: .value
        }
    }

    /// The value of a simple path such as `s`, `s.results[0]` or `r.params`, from the bindings alone.
    static func value(at path: String, in values: [String: Value]) -> Value? {
        var current: Value?
        for (position, part) in path.split(separator: ".", omittingEmptySubsequences: false).enumerated() {
            let name = String(part.prefix { $0 != "[" })
            let base: Value?
            switch (position, current) {
            case (0, _): base = values[name]
            case (_, .record(let record)?): base = record[name]
            case (_, .run(let run)?) where name == "results": base = .list(run.results.map(Value.result))
            default: base = nil
            }
            guard let base, let indexed = index(String(part), base) else { return nil }
            current = indexed
        }
        return current
    }

    /// Applies `[n]` suffixes of a path part to a list.
    private static func index(_ part: String, _ value: Value) -> Value? {
        var value = value
        var rest = part.drop { $0 != "[" }
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
            guard let n = Int(rest[rest.index(after: rest.startIndex)..<close]), case .list(let items) = value,
                items.indices.contains(n)
            else { return nil }
            value = items[n]
            rest = rest[rest.index(after: close)...]
        }
        return value
    }
}
