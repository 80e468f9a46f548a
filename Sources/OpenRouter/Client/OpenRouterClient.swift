import AthanorCore

/// The `CompletionProvider` that asks OpenRouter (or any server speaking its wire format) for a
/// chat completion with token logprobs.
///
/// Every failure comes out as a `ProviderError` (already classified as retryable or not), except
/// cancellation, which stays `CancellationError`. Retrying is the caller's policy, not this type's.
public struct OpenRouterClient: CompletionProvider {
    public let configuration: OpenRouterConfiguration
    let transport: any HTTPTransport

    /// Names the app for OpenRouter's attribution (SPEC §1 headers).
    static let referer = "https://github.com/athanor"
    static let title = "Athanor"

    public init(configuration: OpenRouterConfiguration, transport: any HTTPTransport = CurlMultiTransport.shared) {
        self.configuration = configuration
        self.transport = transport
    }

    /// Sends the request and decodes the whole answer. A request with `stream: true` is streamed
    /// (and its pieces dropped), so both paths are the ones production uses.
    public func complete(_ request: CompletionRequest) async throws -> Completion {
        if request.stream { return try await stream(request, onDelta: { _ in }) }
        let (http, key) = try httpRequest(for: request)
        let start = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await transport.send(http)
        } catch let error as HTTPTransportError {
            throw key.redact(providerError(for: error))
        }
        // Latency is the provider's: time held back by the run's in-flight limit is not part of it.
        let latency = (ContinuousClock.now - start - response.queued) / .milliseconds(1)
        do {
            return try ResponseDecoder.decode(
                status: response.status, headers: response.headers, body: response.body, requestedModel: request.model,
                latencyMilliseconds: latency, server: configuration.server)
        } catch {
            throw key.redact(error)
        }
    }

    /// Where `request` would be posted and its exact body, for a dry run to show (the key is
    /// only ever a header, so neither holds it).
    public func wireRequest(for request: CompletionRequest) -> WireRequest {
        WireRequest(
            url: configuration.chatCompletionsURL,
            body: RequestBody.json(
                for: request, dialect: configuration.dialect, requireParameters: configuration.requireParameters))
    }

    /// The HTTP request for a completion request, and the key it carries (for redacting errors).
    /// OpenRouter needs a key; a plain OpenAI-compatible server gets one only when it is set.
    func httpRequest(for request: CompletionRequest) throws(ProviderError) -> (HTTPRequest, APIKey?) {
        let key = configuration.apiKey
        guard key != nil || configuration.dialect == .openAI else {
            throw ProviderError(
                code: .missingAPIKey,
                message: "No OpenRouter API key is configured: set OPENROUTER_API_KEY and try again")
        }
        let body = RequestBody.json(
            for: request, dialect: configuration.dialect, requireParameters: configuration.requireParameters
        ).serialized()
        let http = HTTPRequest(
            method: "POST", url: configuration.chatCompletionsURL,
            headers: [
                ("Content-Type", "application/json"),
                ("Accept", request.stream ? "text/event-stream" : "application/json"),
                ("HTTP-Referer", Self.referer),
                ("X-Title", Self.title),
            ],
            bearerToken: key, body: Array(body.utf8), timeout: configuration.requestTimeout,
            idleTimeout: configuration.idleTimeout, maximumResponseBytes: configuration.maximumResponseBytes,
            inFlightLimit: RequestContext.inFlightLimit)
        return (http, key)
    }

    /// One sentence for each way a transfer fails. Everything but the size limit is retryable:
    /// a cut body, a reset and a timeout are what a second try cures; a failed DNS lookup is
    /// retried too, since a resolver's hiccup is as common as a wrong host name and retries are
    /// few and bounded. A response past the limit would come again just as large.
    func providerError(for error: HTTPTransportError) -> ProviderError {
        func seconds(_ duration: Duration) -> String {
            JSONValue.number(Double(duration / .milliseconds(1)) / 1000).serialized()
        }
        let server = configuration.server
        let (code, message): (ProviderError.Code, String) =
            switch error.kind {
            case .timeout:
                (.timeout, "\(server.sentenceStart) did not answer within \(seconds(configuration.requestTimeout)) s")
            case .idleTimeout:
                (
                    .timeout,
                    "\(server.sentenceStart) sent no data for \(seconds(configuration.idleTimeout)) s (ATHANOR_IDLE_TIMEOUT)"
                )
            case .responseTooLarge:
                (
                    .responseTooLarge,
                    "the response exceeded \(OpenRouterConfiguration.megabytesText(configuration.maximumResponseBytes)) "
                        + "(ATHANOR_MAX_RESPONSE_MB)"
                )
            case .truncated:
                (
                    .connectionFailed,
                    "\(server.possessive("response").capitalizedFirst) was cut short: the connection closed before its end"
                )
            case .connectionReset:
                (
                    .connectionFailed,
                    "The connection to \(server.located) was reset before the response was complete"
                )
            case .hostNotFound:
                (.connectionFailed, "Could not find the host of \(server.located): the DNS lookup failed")
            case .connectionRefused:
                (.connectionFailed, "Could not connect to \(server.located)")
            case .connectionFailed, .invalidRequest:
                (.connectionFailed, "Could not reach \(server.located)")
            }
        return ProviderError(code: code, message: message, detail: error.message)
    }
}
