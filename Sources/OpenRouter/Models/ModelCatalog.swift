import AthanorCore

/// Asks OpenRouter which models exist (`GET /models`), through the same transport as completions.
public struct ModelCatalog: Sendable {
    public let configuration: OpenRouterConfiguration
    private let transport: any HTTPTransport

    public init(configuration: OpenRouterConfiguration, transport: any HTTPTransport = CurlMultiTransport.shared) {
        self.configuration = configuration
        self.transport = transport
    }

    /// Every model, as listed; throws a `ProviderError` when the server cannot be reached or answers badly.
    public func models() async throws -> [ModelInfo] {
        let request = HTTPRequest(
            method: "GET", url: configuration.baseURL + "/models",
            headers: [("Accept", "application/json"), ("HTTP-Referer", OpenRouterClient.referer)],
            bearerToken: configuration.apiKey, timeout: .seconds(15), idleTimeout: configuration.idleTimeout,
            maximumResponseBytes: configuration.maximumResponseBytes)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw ProviderError(
                code: .connectionFailed, message: "Could not reach \(configuration.server.located)",
                detail: error.message)
        }
        guard (200..<300).contains(response.status) else {
            throw ResponseErrorMapper.error(
                status: response.status, body: response.body, headers: response.headers, model: "",
                server: configuration.server)
        }
        do {
            return ModelInfo.listing(from: try JSONValue.parse(response.body))
        } catch {
            throw ProviderError(
                code: .malformedResponse, status: response.status,
                message: "\(configuration.server.possessive("model list").capitalizedFirst) is not JSON",
                detail: error.description)
        }
    }
}
