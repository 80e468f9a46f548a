/// Why a JSON text could not be read, and where: the byte offset of the problem.
///
/// Responses are untrusted bytes from the network, so the message names what was expected
/// rather than echoing the input (which could be large or contain anything).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset in bytes from the start of the input.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
