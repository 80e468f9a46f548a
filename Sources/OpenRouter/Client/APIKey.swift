import AthanorCore
import Foundation

/// The OpenRouter API key: a secret that must never reach a description, a log line, an error
/// or the database.
///
/// Every way Swift renders a value (`"\(key)"`, `String(reflecting:)`, `dump`, the debugger's
/// mirror) shows `<redacted>`. The raw text is readable only inside this module, by the one place
/// that builds the `Authorization` header (`CurlTransfer`).
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let secret: String

    /// Nil for an empty or blank key, so "set but empty" behaves like "not set".
    public init?(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "APIKey(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: ["secret": "<redacted>"], displayStyle: .struct) }

    /// The header value `Bearer <key>`; only the transport's header builder calls this.
    var authorizationHeaderValue: String { "Bearer " + secret }
}

extension APIKey {
    /// Fragments of the key at least this long are replaced: long enough not to touch a shared
    /// prefix like `sk-or-v1-`, short enough that a key cut, wrapped or echoed in part is caught.
    static let fragmentLength = 12

    /// Replaces the key wherever a server echoed it back, whole or in part (any run of at least
    /// `fragmentLength` of its characters), so no error text can leak it.
    func redact(_ text: String) -> String {
        let key = Array(secret.utf8)
        let bytes = Array(text.utf8)
        guard key.count >= Self.fragmentLength, bytes.count >= Self.fragmentLength else {
            return text.contains(secret) ? text.replacingOccurrences(of: secret, with: "<redacted>") : text
        }
        // The longest run of the key starting at each position of the text; a long one is hidden.
        var hidden = [Bool](repeating: false, count: bytes.count)
        for start in bytes.indices {
            var longest = 0
            for offset in key.indices where key[offset] == bytes[start] {
                var length = 0
                while start + length < bytes.count, offset + length < key.count,
                    bytes[start + length] == key[offset + length]
                {
                    length += 1
                }
                longest = max(longest, length)
            }
            if longest >= Self.fragmentLength {
                for i in start..<(start + longest) { hidden[i] = true }
            }
        }
        guard hidden.contains(true) else { return text }
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if hidden[index] {
                result += Array("<redacted>".utf8)
                while index < bytes.count, hidden[index] { index += 1 }
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    func redact(_ error: ProviderError) -> ProviderError {
        var error = error
        error.message = redact(error.message)
        error.detail = error.detail.map(redact)
        return error
    }
}

extension Optional where Wrapped == APIKey {
    /// Without a key (a keyless OpenAI-compatible server) there is nothing to hide.
    func redact(_ error: ProviderError) -> ProviderError {
        self?.redact(error) ?? error
    }
}
