/// One message of a chat conversation, as OpenRouter's `messages` array holds it.
public struct ChatMessage: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case system, user, assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public var jsonValue: JSONValue { ["role": .string(role.rawValue), "content": .string(content)] }
}
