/// Why the simulator could not start: bad arguments, a bad scenario file, or a socket problem.
///
/// `description` is one sentence for the person who typed the command.
public struct SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case invalidArgument
        case invalidScenario
        case unreadableScenario
        case socket
    }

    public var code: Code
    public var message: String

    public var description: String { message }

    static func invalidArgument(_ message: String) -> Self {
        Self(code: .invalidArgument, message: message)
    }

    static func invalidScenario(_ detail: String) -> Self {
        Self(code: .invalidScenario, message: "The scenario is invalid: \(detail).")
    }

    static func unreadableScenario(path: String, reason: String) -> Self {
        Self(code: .unreadableScenario, message: "Cannot read the scenario file \(path): \(reason)")
    }

    static func socket(_ operation: String, errno code: Int32, detail: String) -> Self {
        Self(code: .socket, message: "Cannot \(operation): \(detail) (errno \(code)).")
    }
}
