import AthanorCore
import Foundation
import Terminal

/// What every browsing command does around its work: open the store, print through the terminal
/// renderer, and turn a failure into a message and an exit status (2 for a wrong id, 3 when the
/// database fails).
enum Browsing {
    static func run(top: Int = 5, _ body: @Sendable (Inspector) async throws -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        let services = ServiceFactory(environment: environment)
        let renderer = EventRenderer(style: TerminalStyle.detect(environment: environment), topAlternatives: top)
        do {
            let store = try await services.store()
            try await body(Inspector(store: store, output: TerminalOutput(renderer: renderer, progress: false)))
        } catch let error as InspectionError {
            StandardStreams.error("athanor: \(error)\n")
            throw ExitStatus.scriptError.exitCode
        } catch is CancellationError {
            throw ExitStatus.interrupted.exitCode
        } catch {
            StandardStreams.error("athanor: \(ServiceFactory.describe(storeFailure: error))\n")
            throw ExitStatus.serviceFailed.exitCode
        }
    }

    /// Writes a `--format json` document on standard output, on one line.
    static func print(_ document: JSONValue) {
        StandardStreams.out(document.serialized() + "\n")
    }

    /// Parses a `--status`/`--level` value against an enumeration's cases, naming them when wrong.
    static func parse<E: RawRepresentable & CaseIterable>(_ text: String?, as type: E.Type, option: String) throws -> E?
    where E.RawValue == String {
        guard let text else { return nil }
        guard let value = E(rawValue: text.lowercased()) else {
            throw ValidationFailure("\(option) must be one of " + E.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

/// A bad option value, reported by ArgumentParser as a usage error.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
