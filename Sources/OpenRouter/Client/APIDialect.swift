/// Which wire format a server speaks: OpenRouter's, or the plain OpenAI chat-completions one.
public enum APIDialect: String, Sendable, Hashable {
    /// OpenRouter (or the simulator): requests carry `provider` (with `require_parameters`) and
    /// `usage`, and an API key is required.
    case openRouter
    /// A plain OpenAI-compatible server (vLLM, llama.cpp's server, a gateway): only the standard
    /// fields are sent, and a key only when one is configured.
    case openAI
}
