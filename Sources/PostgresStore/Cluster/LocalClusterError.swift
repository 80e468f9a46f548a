import Foundation

/// Why athanor's private PostgreSQL could not be created, started or stopped.
public enum LocalClusterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `initdb`/`pg_ctl`/`postgres` found.
    case serverNotInstalled
    case cannotCreateDirectory(String, reason: String)
    /// A server program exited with an error; `output` is what it printed.
    case commandFailed(String, output: String)

    public var description: String {
        switch self {
        case .serverNotInstalled:
            "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install the `postgresql` package, "
                + "or set DATABASE_URL to use an existing server."
        case .cannotCreateDirectory(let path, let reason):
            "Could not create the database folder \(path): \(reason)"
        case .commandFailed(let command, let output):
            "`\(command)` failed while preparing athanor's private PostgreSQL:\n"
                + output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}
