/// How error sentences name the server that answered: "OpenRouter" in OpenRouter's dialect, the
/// base URL for a plain OpenAI-compatible server, so a message never blames OpenRouter for a
/// local server's answer.
public struct ServerName: Sendable, Hashable {
    /// The subject of a sentence, e.g. `OpenRouter` or `the server at http://127.0.0.1:8000/v1`.
    public let name: String
    /// The name with where it is, e.g. `OpenRouter at https://openrouter.ai/api/v1`.
    public let located: String
    /// The environment variable that holds this server's key.
    public let keyVariable: String
    private let isOpenRouter: Bool

    public init(dialect: APIDialect, baseURL: String) {
        switch dialect {
        case .openRouter:
            name = "OpenRouter"
            located = "OpenRouter at \(baseURL)"
            keyVariable = "OPENROUTER_API_KEY"
            isOpenRouter = true
        case .openAI:
            name = "the server at \(baseURL)"
            located = name
            keyVariable = "OPENAI_API_KEY"
            isOpenRouter = false
        }
    }

    /// OpenRouter's own name, for the parts that only ever talk to it.
    public static let openRouter = ServerName(dialect: .openRouter, baseURL: OpenRouterConfiguration.defaultBaseURL)

    /// The name at the start of a sentence.
    public var sentenceStart: String { name.capitalizedFirst }

    /// `OpenRouter's answer`, or `the answer from the server at …`.
    public func possessive(_ noun: String) -> String {
        isOpenRouter ? "\(name)'s \(noun)" : "the \(noun) from \(name)"
    }
}

extension String {
    /// The text with its first letter upper-cased, to start a sentence.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
