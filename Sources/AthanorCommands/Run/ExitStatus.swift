import ArgumentParser
import AthanorCore

/// The batch exit statuses of the language design.
enum ExitStatus: Int32 {
    /// Every cell ran and every assertion held.
    case success = 0
    /// An assertion failed.
    case assertionFailed = 1
    /// The script is wrong: syntax, an unknown name, a bad argument.
    case scriptError = 2
    /// The provider or the database failed and retries did not help.
    case serviceFailed = 3
    /// Ctrl-C or SIGTERM.
    case interrupted = 130

    init(_ failure: CellFailure) {
        switch failure {
        case .script: self = .scriptError
        case .provider, .store: self = .serviceFailed
        case .cancelled: self = .interrupted
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }
}
