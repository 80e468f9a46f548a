/// A model bound by `model NAME = "id" { params }`: shown by its name, compared by its name.
public struct ModelHandle: Sendable, Hashable, CustomStringConvertible {
    /// The name it was bound to in the script.
    public var name: String
    /// The OpenRouter model id, e.g. `openai/gpt-4o-mini`.
    public var id: String
    public var parameters: ModelParameters

    public init(name: String, id: String, parameters: ModelParameters) {
        self.name = name
        self.id = id
        self.parameters = parameters
    }

    public var description: String { name }
}
