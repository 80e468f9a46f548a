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
    /// Replaces the key wherever a server echoed it back, so no error text can leak it.
    func redact(_ text: String) -> String {
        text.contains(secret) ? text.replacingOccurrences(of: secret, with: "<redacted>") : text
    }

    func redact(_ error: ProviderError) -> ProviderError {
        var error = error
        error.message = redact(error.message)
        error.detail = error.detail.map(redact)
        return error
    }
}
