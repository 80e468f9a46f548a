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
        case .cancelled, .budgetReached: self = .interrupted
        }
    }

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The status a script ends with after a cell that ended in `ending` (without a failure that
    /// stops it): a failed assertion makes it 1, points that failed after their retries make it
    /// 3, and the graver of the two stays.
    func after(_ ending: CellEnding) -> ExitStatus {
        var status = self
        if ending.assertionsFailed > 0, status == .success { status = .assertionFailed }
        if !ending.runsWithFailures.isEmpty, status == .success || status == .assertionFailed {
            status = .serviceFailed
        }
        return status
    }
}
