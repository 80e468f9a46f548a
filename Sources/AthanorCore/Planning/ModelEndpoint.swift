import AthanorLanguage
import Foundation

/// A model's `endpoint`: the base URL of a plain OpenAI-compatible server, checked where the
/// model is declared so a typo costs nothing.
///
/// It must be an `http` or `https` URL with a host and nothing after its path; credentials in it
/// are refused, because the endpoint is stored with every run's plan (its key comes from
/// `OPENAI_API_KEY`, never from the script). Trailing slashes are dropped.
enum ModelEndpoint {
    static let example = "\"http://127.0.0.1:8000/v1\""

    static func baseURL(_ value: Value, at range: SourceRange) throws(Diagnostic) -> String {
        guard case .string(let text) = value else {
            throw Diagnostic(
                .error,
                "'endpoint' must be the base URL of an OpenAI-compatible server, e.g. \(example); got a \(value.typeName)",
                at: range)
        }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        func refuse(_ why: String) -> Diagnostic {
            Diagnostic(.error, "'endpoint' \(why), e.g. \(example); got \"\(text)\"", at: range)
        }
        guard !url.isEmpty, !url.contains(where: { $0.isWhitespace || $0.isNewline }),
            let components = URLComponents(string: url)
        else { throw refuse("must be the base URL of an OpenAI-compatible server") }
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw refuse("must start with http:// or https://")
        }
        guard let host = components.host, !host.isEmpty else { throw refuse("must name a host") }
        guard components.user == nil, components.password == nil else {
            throw Diagnostic(
                .error,
                "'endpoint' must not carry credentials: it is stored with the run; set OPENAI_API_KEY for its key",
                at: range)
        }
        guard components.query == nil, components.fragment == nil else {
            throw refuse("must be a base URL without a query or fragment")
        }
        return url
    }
}
