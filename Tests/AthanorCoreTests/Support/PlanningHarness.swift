import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// Runs a script's cells in dry-run mode (nothing is sent or stored) and plans its sweeps,
/// so the planner and interpreter are tested without any server.
struct PlanningHarness {
    let file: SourceFile
    let interpreter: Interpreter
    let events = EventLog()

    init(_ text: String, name: String = "test.ath") {
        file = SourceFile(name: name, text: text)
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../Examples"
        ).standardized
        interpreter = Interpreter(
            services: .init(
                provider: NothingSent(), store: NothingStored(), sessionID: nil, baseDirectory: examples,
                output: events,
                commands: nil))
    }

    /// Runs every cell; the first script error is returned.
    func run() async throws -> Diagnostic? {
        let parsed = Parser.parseScript(file)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        for cell in parsed.script.cells {
            do {
                _ = try await interpreter.run(cell, in: file, cellID: nil, dryRun: true)
            } catch .script(let diagnostic) {
                return diagnostic
            }
        }
        return nil
    }

    /// The plan of the sweep named `name`, planned against the bindings the script made.
    func plan(sweep name: String) async throws -> Plan {
        let parsed = Parser.parseScript(file)
        let statement = try #require(
            parsed.script.cells.flatMap(\.statements).first {
                if case .sweep(let n, _) = $0.kind { n.name == name } else { false }
            })
        guard case .sweep(let identifier, let fields) = statement.kind else { throw HarnessError.notASweep }
        let bindings = await interpreter.bindings
        let context = EvaluationContext(
            file: file, baseDirectory: interpreter.services.baseDirectory, loadRun: { _ in nil })
        return try await Planner(evaluator: Evaluator(context: context))
            .planSweep(
                name: identifier, fields: fields, in: Scope(bindings: bindings), range: statement.range,
                defaultConcurrency: 8)
    }

    enum HarnessError: Error { case notASweep }
}

/// Collects the events a cell emits.
final class EventLog: CellOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var events: [CellEvent] = []
    func emit(_ event: CellEvent) { lock.withLock { events.append(event) } }
    var plans: [PlanSummary] { lock.withLock { events.compactMap { if case .plan(let p) = $0 { p } else { nil } } } }
    var warnings: [String] {
        lock.withLock { events.compactMap { if case .warning(let w) = $0 { w } else { nil } } }
    }
}

/// A provider for dry runs: a dry run that sends anything fails the test.
struct NothingSent: CompletionProvider {
    func complete(_ request: CompletionRequest) async throws -> Completion {
        Issue.record("a dry run sent a request")
        throw CancellationError()
    }
}

/// A store for dry runs: a dry run that writes anything fails the test.
struct NothingStored: RunStore {
    private func refuse<T>() throws -> T {
        Issue.record("a dry run touched the store")
        throw CancellationError()
    }
    func startSession(_ session: NewSession) async throws -> Int64 { try refuse() }
    func finishSession(id: Int64, status: SessionStatus) async throws { try refuse() as Void }
    func startCell(_ cell: NewCell) async throws -> Int64 { try refuse() }
    func finishCell(id: Int64, outcome: CellOutcome) async throws { try refuse() as Void }
    func storeDataFiles(sessionID: Int64, cellID: Int64?, _ reads: [DataFileRead]) async throws {
        try refuse() as Void
    }
    func dataFiles(sessionID: Int64) async throws -> [StoredDataFile] { try refuse() }
    func createInstance(_ instance: NewInstance) async throws -> Int64 { try refuse() }
    func startRun(_ run: NewRun) async throws -> Int64 { try refuse() }
    func saveResult(runID: Int64, key: String, value: JSONValue) async throws { try refuse() as Void }
    func log(runID: Int64, level: LogLevel, message: String, metadata: JSONValue) async throws { try refuse() as Void }
    func finishRun(id: Int64, status: RunStatus, error: String?, metadata: JSONValue) async throws {
        try refuse() as Void
    }
    func storePlan(runID: Int64, points: PlanPoints) async throws { try refuse() as Void }
    func claimRun(id: Int64) async throws -> RunClaim { try refuse() }
    func confirmOwnership(runID: Int64) async throws { try refuse() as Void }
    func releaseRun(id: Int64) async throws { try refuse() as Void }
    func openPoints(runID: Int64, after: Int, limit: Int, includeFailed: Bool) async throws -> [StoredPoint] {
        try refuse()
    }
    func pointCounts(runID: Int64) async throws -> PointCounts { try refuse() }
    func planHeads(runID: Int64) async throws -> PlanHeads? { try refuse() }
    func write(runID: Int64, _ batch: RunWrite) async throws { try refuse() as Void }
    func storeHeldAnswers(runID: Int64, _ rows: [ResultRow]) async throws -> Int { try refuse() }
    func saveAssertion(runID: Int64, key: String, value: JSONValue) async throws { try refuse() as Void }
    func concludeRun(id: Int64, cancelled: Bool, error: String?, wallMilliseconds: Double) async throws
        -> RunConclusion
    { try refuse() }
    func run(id: Int64) async throws -> StoredRun? { try refuse() }
    func results(runID: Int64) async throws -> [StoredResult] { try refuse() }
    func results(runID: Int64, after: ResultPosition?, limit: Int) async throws
        -> [(position: ResultPosition, result: StoredResult)]
    { try refuse() }
    func resultVariableNames(runID: Int64) async throws -> [[String]] { try refuse() }
    func assertionOutcomes(runID: Int64) async throws -> [StoredResult] { try refuse() }
    func logs(runID: Int64, limit: Int) async throws -> [StoredLog] { try refuse() }
    func recentRuns(limit: Int) async throws -> [StoredRun] { try refuse() }
    func logs(runID: Int64, after: Int64, limit: Int) async throws -> [(id: Int64, log: StoredLog)] { try refuse() }
    func recentLogs(runID: Int64, limit: Int) async throws -> [(id: Int64, log: StoredLog)] { try refuse() }
    func runs(sessionID: Int64?, status: RunStatus?, limit: Int) async throws -> [StoredRun] { try refuse() }
    func totals(runID: Int64) async throws -> RunTotals { try refuse() }
    func storedPoints(runID: Int64, after: Int64) async throws -> StoredPointCount { try refuse() }
    func session(id: Int64) async throws -> StoredSession? { try refuse() }
    func sessions(limit: Int) async throws -> [StoredSession] { try refuse() }
    func cells(sessionID: Int64) async throws -> [StoredCell] { try refuse() }
    func changes(runID: Int64) async throws -> RunChangeFeed { try refuse() }
}
