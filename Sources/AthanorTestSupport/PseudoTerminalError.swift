/// Why driving a program through a pseudo-terminal failed; carries what the program had printed, since that is
/// what a failing end-to-end test needs to show.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The pseudo-terminal could not be opened or the program could not be started.
        case spawnFailed(errno: Int32)
        /// The expected text did not appear in time.
        case timedOut(waitingFor: String)
        /// The program closed the terminal before the expected text appeared.
        case endOfOutput(waitingFor: String)
        /// The program was still running when the wait ended.
        case stillRunning
    }

    public var code: Code
    /// Everything read and not yet consumed, exactly as received.
    public var output: String

    public var description: String {
        switch code {
        case .spawnFailed(let number): "could not start the program in a pseudo-terminal (errno \(number))"
        case .timedOut(let text):
            "timed out waiting for \(text.debugDescription); output so far: \(output.debugDescription)"
        case .endOfOutput(let text):
            "the program ended before printing \(text.debugDescription); output: \(output.debugDescription)"
        case .stillRunning: "the program did not exit in time; output: \(output.debugDescription)"
        }
    }
}
