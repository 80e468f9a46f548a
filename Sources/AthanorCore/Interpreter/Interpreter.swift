import AthanorLanguage
import Foundation

/// Runs cells, one after another, keeping the session's bindings between them.
///
/// One session, one interpreter: an actor, so a cell can be run from a task that Ctrl-C cancels.
/// Everything it sends or stores goes through the `CompletionProvider` and `RunStore` it was given.
public actor Interpreter {
    public struct Settings: Sendable {
        /// Requests in flight at once, for sweeps that do not say.
        public var concurrency = 8
        /// When a failed request is sent again; how long rate limits are waited out is from the environment.
        public var retryPolicy = RetryPolicy(environment: ProcessInfo.processInfo.environment)
        /// How long a run waits for the database, and where it holds answers it could not store.
        public var durability = RunDurability()
        /// A dry run lists every request of every plan in full (`--dry-run --full`, and
        /// `--dry-run --format json`), not a preview of its first points.
        public var fullPlans = false
        /// `--max-cost`: the script's budget, which its runs' answers are summed against as they
        /// arrive; a run that reaches it stops sending.
        public var budget: SpendingLimit?
        public init() {}
    }

    public struct Services: Sendable {
        public var provider: any CompletionProvider
        public var store: any RunStore
        public var sessionID: Int64?
        /// `csv("x.csv")` and `jsonl()` read relative to this folder (the script's).
        public var baseDirectory: URL
        public var output: any CellOutput
        public var commands: (any MetaCommandHandler)?
        /// What `:set` changed; read when a cell plans.
        public var sessionSettings: SessionSettings
        /// What the model lists of these servers (nil: the process's own) say, for a plan's cost
        /// estimate and logprobs warnings: what is cached or quickly listed, else nothing.
        public var models: @Sendable (_ endpoints: [String?]) async -> ModelFacts
        /// How a request would go on the wire (URL and exact body), for a dry run's full plans.
        public var wire: @Sendable (CompletionRequest) -> WireRequest
        /// How `csv()` and `jsonl()` read files (a replay's serves its original's stored copies);
        /// what they read is stored with the session after each statement.
        public var dataFiles: DataFiles

        public init(
            provider: any CompletionProvider, store: any RunStore, sessionID: Int64?, baseDirectory: URL,
            output: any CellOutput, commands: (any MetaCommandHandler)?,
            sessionSettings: SessionSettings = SessionSettings(),
            models: @escaping @Sendable (_ endpoints: [String?]) async -> ModelFacts = { _ in ModelFacts() },
            wire: @escaping @Sendable (CompletionRequest) -> WireRequest = WireRequest.stored,
            dataFiles: DataFiles = DataFiles()
        ) {
            self.dataFiles = dataFiles
            self.models = models
            self.wire = wire
            self.provider = provider
            self.store = store
            self.sessionID = sessionID
            self.baseDirectory = baseDirectory
            self.output = output
            self.commands = commands
            self.sessionSettings = sessionSettings
        }
    }

    /// What a cell did that its caller needs: the runs it made and how its assertions went.
    public struct CellReport: Sendable {
        public var runIDs: [Int64] = []
        /// The cell's runs in which points failed after their retries: a batch exits 3 for them.
        public var runsWithFailures: [FailedPoints] = []
        public var assertionsFailed = 0
        public var assertionsPassed = 0
        /// A `:quit` ran: the cell stopped there, and its caller should end the session or script.
        public var quitRequested = false
    }

    public var settings: Settings
    public nonisolated let services: Services
    /// `let` values given on the command line (`--var name=value`), which win over the script's.
    public private(set) var overrides: [String: Value] = [:]
    public private(set) var bindings: [String: Value] = [:]
    /// In a dry run: names whose values only a real run would give (`_`, a sweep's name, and
    /// `let`s computed from them). Expressions over them are checked for names, not evaluated.
    var unknownUntilRun: Set<String> = []
    /// Names bound to large runs whose results stay in the store until a statement names them.
    var storedRuns: [String: Int64] = [:]
    /// `_` was set since `nameLastValue` last looked: the cell gave a value.
    var cellGaveValue = false

    public init(services: Services, settings: Settings = Settings(), overrides: [String: Value] = [:]) {
        self.services = services
        self.settings = settings
        self.overrides = overrides
    }

    /// Runs one cell. With `dryRun`, asks and sweeps are planned and shown, never sent or stored.
    public func run(_ cell: Cell, in file: SourceFile, cellID: Int64?, dryRun: Bool = false) async throws(CellFailure)
        -> CellReport
    {
        var report = CellReport()
        let context = EvaluationContext(
            file: file, baseDirectory: services.baseDirectory,
            dataFiles: services.dataFiles,
            loadRun: { [store = services.store] id in try await Self.loadRun(id, from: store) })
        for statement in cell.statements {
            try Task.checkCancellationAsFailure()
            do {
                do {
                    try await execute(
                        statement, context: context, cell: cell, cellID: cellID, dryRun: dryRun, report: &report)
                } catch {
                    // What the statement read before it failed was used (its run may be stored): kept too.
                    try? await keepDataFiles(cellID: cellID, dryRun: dryRun)
                    throw error
                }
                try await keepDataFiles(cellID: cellID, dryRun: dryRun)
                if report.quitRequested { break }
            } catch let diagnostic as Diagnostic {
                throw .script(diagnostic)
            } catch let failure as CellFailure {
                throw failure
            } catch {
                throw .store("\(error)")
            }
        }
        return report
    }

    /// Stores the data files the statement read with the session (not in a dry run) and shows
    /// what a replay noticed about them.
    private func keepDataFiles(cellID: Int64?, dryRun: Bool) async throws {
        let (reads, notes) = services.dataFiles.take(shown: !dryRun)
        for note in notes where !dryRun { services.output.emit(.warning(note)) }
        guard !dryRun, !reads.isEmpty, let sessionID = services.sessionID else { return }
        try await services.store.storeDataFiles(sessionID: sessionID, cellID: cellID, reads)
    }

    /// Binds a name as `let` would (used by tests and by the REPL's `:set`).
    public func bind(_ name: String, _ value: Value) {
        bindings[name] = value
    }

    var scope: Scope { Scope(bindings: bindings) }

    /// `_` becomes the value of a bare expression (an `ask` or a `sweep` makes it the run).
    func setLastValue(_ value: Value) {
        setBinding("_", value)
        storedRuns["_"] = nil
        cellGaveValue = true
    }

    /// At the prompt, after cell N: names the value it left in `_` as `_N` (a large run's results still
    /// load when named, as `_`'s do). A cell that gave no value (a `let`, a meta-command) names nothing.
    public func nameLastValue(cell position: Int) {
        defer { cellGaveValue = false }
        guard cellGaveValue, let value = bindings["_"] else { return }
        let name = "_\(position)"
        setBinding(name, value)
        storedRuns[name] = storedRuns["_"]
    }

    /// Requests in flight at once for plans that do not say: `:set concurrency`, else the settings'.
    var defaultConcurrency: Int { services.sessionSettings.concurrency ?? settings.concurrency }

    static func loadRun(_ id: Int64, from store: any RunStore) async throws -> RunValue? {
        guard let stored = try await store.run(id: id) else { return nil }
        let results = try await store.results(runID: id)
            .map { ResultValue(key: $0.key, json: $0.value) }
            .sorted { $0.index < $1.index }
        return RunValue(
            id: stored.id, name: stored.instanceName, status: stored.status, sessionID: stored.sessionID,
            results: results)
    }

    func setBinding(_ name: String, _ value: Value) {
        bindings[name] = value
    }
}

extension Task where Success == Never, Failure == Never {
    static func checkCancellationAsFailure() throws(CellFailure) {
        if Task.isCancelled { throw .cancelled }
    }
}
