import AthanorCore

extension OpenRouterClient {
    /// Asks for server-sent events and hands each piece of the answer on as it arrives (SPEC §3).
    ///
    /// Keep-alive comments, split lines, CRLF and chunks with several or no tokens are the
    /// decoder's and accumulator's business; this wires them to the transport. A status other
    /// than 2xx, or a body that is not `text/event-stream` (errors before the first token come
    /// as ordinary JSON), is read whole and decoded as `complete` would. An `error` object in the
    /// stream ends the transfer at once and throws the `ProviderError` it describes, retryable
    /// when its code is 429 or 5xx.
    public func stream(_ request: CompletionRequest, onDelta: @escaping @Sendable (CompletionDelta) -> Void)
        async throws
        -> Completion
    {
        var streaming = request
        streaming.stream = true
        let (http, key) = try httpRequest(for: streaming)
        let start = ContinuousClock.now
        do {
            let response = try await transport.stream(http)
            guard (200..<300).contains(response.status),
                response.headers["content-type"]?.contains("text/event-stream") == true
            else {
                let body = try await response.collectBody()
                try Task.checkCancellation()
                return try ResponseDecoder.decode(
                    status: response.status, headers: response.headers, body: body, requestedModel: request.model,
                    latencyMilliseconds: (ContinuousClock.now - start - response.queued) / .milliseconds(1),
                    server: configuration.server)
            }
            var decoder = SSEDecoder()
            var accumulator = StreamAccumulator(server: configuration.server)
            for try await piece in response.body {
                for event in decoder.feed(piece) {
                    if let delta = try accumulator.add(event) { onDelta(delta) }
                }
            }
            // A cancelled task ends the body early without an error: it must not read as an answer.
            try Task.checkCancellation()
            for event in decoder.finish() {
                if let delta = try accumulator.add(event) { onDelta(delta) }
            }
            return try accumulator.completion(
                headers: response.headers,
                latencyMilliseconds: (ContinuousClock.now - start - response.queued) / .milliseconds(1))
        } catch let error as HTTPTransportError {
            throw key.redact(providerError(for: error))
        } catch let error as ProviderError {
            throw key.redact(error)
        }
    }
}
