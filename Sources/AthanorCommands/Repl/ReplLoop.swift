import AthanorCore
import AthanorLanguage
import Foundation
import Terminal

/// The prompt's loop: read an entry (continuing while brackets or `"""` are open), run it as a
/// cell of one stored session, print what it says, and never die from a cell's error.
struct ReplLoop {
    let services: ServiceFactory
    let renderer: EventRenderer
    let environment: [String: String]

    func run() async -> ExitStatus {
        let store: any RunStore
        do {
            store = try await services.store()
        } catch {
            StandardStreams.error("athanor: \(error)\n")
            return .serviceFailed
        }
        let sessionID: Int64
        do {
            sessionID = try await store.startSession(NewSession(kind: .repl))
        } catch {
            StandardStreams.error("athanor: the database failed: \(error)\n")
            return .serviceFailed
        }
        let keyState = services.providerProblem() == nil ? "API key set" : "no API key (set OPENROUTER_API_KEY)"
        StandardStreams.out("athanor \(Athanor.version) · session \(sessionID) · \(services.databaseDescription) · \(keyState) · :help, :quit\n")

        let output = TerminalOutput(renderer: renderer)
        let interpreter = Interpreter(
            services: .init(
                provider: services.provider(), store: store, sessionID: sessionID,
                baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), output: output,
                commands: MetaCommands(store: store, renderer: renderer)))
        var position = 0
        var input = LineInput()
        while true {
            guard let entry = input.readEntry(prompt: "[\(position + 1)]> ", continuation: "  ...> ") else { break }
            let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            if trimmed == ":quit" || trimmed == ":q" { break }
            position += 1
            let file = SourceFile(name: "[\(position)]", text: entry)
            let parsed = Parser.parseEntry(file)
            let cellID = try? await store.startCell(NewCell(sessionID: sessionID, position: position, title: nil, source: entry))
            if !parsed.diagnostics.isEmpty {
                let text = parsed.diagnostics.map { DiagnosticRenderer.render($0, in: file, color: renderer.style.color) }.joined(separator: "\n")
                StandardStreams.error(text + "\n")
                if let cellID { try? await store.finishCell(id: cellID, outcome: CellOutcome(status: .failed, output: "", error: text)) }
                continue
            }
            for cell in parsed.script.cells {
                let result = await CancellableCell.run { [interpreter] () -> Result<Interpreter.CellReport, CellFailure> in
                    do throws(CellFailure) { return .success(try await interpreter.run(cell, in: file, cellID: cellID)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let report):
                    if let cellID {
                        try? await store.finishCell(id: cellID, outcome: CellOutcome(status: .succeeded, output: output.takeCaptured(), runIDs: report.runIDs))
                    }
                case .failure(let failure):
                    if case .script(let diagnostic) = failure {
                        StandardStreams.error(DiagnosticRenderer.render(diagnostic, in: file, color: renderer.style.color) + "\n")
                    } else {
                        StandardStreams.error("\(failure)\n")
                    }
                    if let cellID {
                        try? await store.finishCell(
                            id: cellID,
                            outcome: CellOutcome(status: failure.isCancellation ? .cancelled : .failed, output: output.takeCaptured(), error: "\(failure)"))
                    }
                }
            }
        }
        try? await store.finishSession(id: sessionID, status: .completed)
        return .success
    }
}

/// Lines from standard input, joined into one entry while it is incomplete.
struct LineInput {
    mutating func readEntry(prompt: String, continuation: String) -> String? {
        var entry = ""
        var first = true
        while true {
            StandardStreams.out(first ? prompt : continuation)
            guard let line = readLine(strippingNewline: true) else { return entry.isEmpty ? nil : entry }
            entry += (first ? "" : "\n") + line
            first = false
            if InputCompleteness.isComplete(entry) { return entry }
        }
    }
}
