/// A model bound by `model NAME = "id" { params }`: shown by its name, compared by its name.
public struct ModelHandle: Sendable, Hashable, CustomStringConvertible {
    /// The name it was bound to in the script.
    public var name: String
    /// The OpenRouter model id, e.g. `openai/gpt-4o-mini`.
    public var id: String
    public var parameters: ModelParameters
    /// The base URL of the plain OpenAI-compatible server this model is sent to
    /// (`{ endpoint: "http://127.0.0.1:8000/v1" }`), without a trailing slash; nil for the
    /// process's own server (OpenRouter, `OPENROUTER_BASE_URL` or `OPENAI_BASE_URL`).
    public var endpoint: String?

    public init(name: String, id: String, parameters: ModelParameters, endpoint: String? = nil) {
        self.name = name
        self.id = id
        self.parameters = parameters
        self.endpoint = endpoint
    }

    public var description: String { name }
}
