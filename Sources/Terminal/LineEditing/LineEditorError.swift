import Foundation

/// Why line editing or its history failed, in a sentence for the person at the prompt.
public struct LineEditorError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        /// libedit could not set up the terminal.
        public static let editorUnavailable = Code(description: "editorUnavailable")
        /// The history file exists but could not be read.
        public static let historyUnreadable = Code(description: "historyUnreadable")
        /// The history file or its folder could not be written.
        public static let historyUnwritable = Code(description: "historyUnwritable")
    }

    public var code: Code
    /// The history file concerned, if any.
    public var path: String?
    /// `errno` when the failure came from the system.
    public var systemError: Int32?

    public init(code: Code, path: String? = nil, systemError: Int32? = nil) {
        self.code = code
        self.path = path
        self.systemError = systemError
    }

    public var description: String {
        let reason = systemError.map { ": " + String(cString: strerror($0)) } ?? ""
        switch code {
        case .editorUnavailable: return "could not start line editing on this terminal\(reason)"
        case .historyUnreadable: return "could not read history from \(path ?? "?")\(reason)"
        case .historyUnwritable: return "could not save history to \(path ?? "?")\(reason)"
        default: return "line editing failed (\(code))\(reason)"
        }
    }

    public var debugDescription: String {
        "LineEditorError(code: \(code), path: \(path ?? "nil"), errno: \(systemError.map(String.init) ?? "nil"))"
    }
}
