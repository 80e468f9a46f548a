import AthanorCore
import AthanorLanguage
import Foundation

/// One stored session, whatever feeds it: a script's cells, the entries typed at the prompt, or a
/// stored session's cells run again (`CellSource`).
///
/// The lifecycle lives here and only here: the session is stored before its first cell; each
/// entry is stored as a cell `running` before it runs, then with its status, output, error and
/// runs; the session ends with the status its source decides (`completed`, `failed` or
/// `cancelled`). The source decides what comes next and what is shown; the runner records.
struct SessionRunner: Sendable {
    let store: any RunStore
    let sessionID: Int64
    let interpreter: Interpreter
    /// What the cell printed, without colour, taken after it ran ("" when nothing is kept).
    let captured: @Sendable () -> String

    /// Stores the session, then makes its interpreter (which needs the session's id).
    static func start(
        _ session: NewSession, store: any RunStore, captured: @escaping @Sendable () -> String,
        interpreter: (Int64) -> Interpreter
    ) async throws -> SessionRunner {
        let id = try await store.startSession(session)
        return SessionRunner(store: store, sessionID: id, interpreter: interpreter(id), captured: captured)
    }

    /// Runs every entry the source gives, in order, until it has no more or says the session ends.
    func run(_ source: inout some CellSource) async -> SessionStatus {
        while let entry = await source.next() {
            let ending = await source.execute(entry, in: self)
            if case .end(let status) = await source.after(entry, ending) {
                await finish(status)
                return status
            }
        }
        await finish(source.endStatus)
        return source.endStatus
    }

    /// One entry as one stored cell. An entry with diagnostics (it did not parse) is stored failed
    /// and not run. Never throws: a failure is the cell's outcome, for the source to judge.
    func run(_ entry: SessionEntry) async -> CellEnding {
        let cellID = try? await store.startCell(
            NewCell(sessionID: sessionID, position: entry.position, title: entry.title, source: entry.source))
        if let first = entry.diagnostics.first {
            let ending = CellEnding(status: .failed, failure: .script(first))
            await finish(cellID, ending, error: "\(CellFailure.script(first))")
            return ending
        }
        var ending = CellEnding(status: .succeeded)
        for cell in entry.cells {
            do throws(CellFailure) {
                let report = try await interpreter.run(cell, in: entry.file, cellID: cellID)
                ending.runIDs += report.runIDs
                ending.assertionsFailed += report.assertionsFailed
                ending.runsWithFailures += report.runsWithFailures
                if report.quitRequested {
                    ending.quit = true
                    break
                }
            } catch {
                ending.status = error.isCancellation ? .cancelled : .failed
                ending.failure = error
                break
            }
        }
        // A run stopped by Ctrl-C is not in `runIDs`; it is linked to the cell by its own `cell_id`.
        await finish(cellID, ending, error: ending.failure.map { "\($0)" })
        return ending
    }

    private func finish(_ cellID: Int64?, _ ending: CellEnding, error: String?) async {
        let outcome = CellOutcome(status: ending.status, output: captured(), error: error, runIDs: ending.runIDs)
        guard let cellID else { return }
        do { try await store.finishCell(id: cellID, outcome: outcome) } catch {
            StandardStreams.error("athanor: warning: cell \(cellID) could not be saved: \(error)\n")
        }
    }

    private func finish(_ status: SessionStatus) async {
        do { try await store.finishSession(id: sessionID, status: status) } catch {
            StandardStreams.error("athanor: the session could not be closed: \(error)\n")
        }
    }
}

/// One entry of a session: what becomes one stored cell.
struct SessionEntry: Sendable {
    /// 1-based position of the cell in its session.
    var position: Int
    var title: String?
    var source: String
    var file: SourceFile
    /// The entry's cells as parsed (a script's cell is one; a typed entry or a `:load` may hold several).
    var cells: [Cell]
    /// Why the entry did not parse; such an entry is stored failed and not run.
    var diagnostics: [Diagnostic] = []
}

/// How a cell ended: its runs and assertions, a `:quit`, or its failure.
struct CellEnding: Sendable {
    var status: CellStatus
    var failure: CellFailure?
    var runIDs: [Int64] = []
    var assertionsFailed = 0
    /// Runs in which points failed after their retries.
    var runsWithFailures: [FailedPoints] = []
    var quit = false

    init(status: CellStatus, failure: CellFailure? = nil) {
        self.status = status
        self.failure = failure
    }
}

/// What comes after a cell.
enum SessionStep: Sendable {
    case next
    case end(SessionStatus)
}

/// What feeds a `SessionRunner`: the entries, and what each cell's ending means for the session.
protocol CellSource {
    /// The next entry, nil when there are no more.
    mutating func next() async -> SessionEntry?
    /// Runs one entry (at the prompt, inside the interrupts, so that Ctrl-C stops only it).
    func execute(_ entry: SessionEntry, in runner: SessionRunner) async -> CellEnding
    /// Shows what the cell's ending means, and says whether the session goes on.
    mutating func after(_ entry: SessionEntry, _ ending: CellEnding) async -> SessionStep
    /// The session's status when `next()` has no more entries.
    var endStatus: SessionStatus { get }
}

extension CellSource {
    func execute(_ entry: SessionEntry, in runner: SessionRunner) async -> CellEnding {
        await runner.run(entry)
    }

    var endStatus: SessionStatus { .completed }
}

extension CellFailure {
    var isCancellation: Bool {
        switch self {
        case .cancelled, .budgetReached: true
        default: false
        }
    }
}
