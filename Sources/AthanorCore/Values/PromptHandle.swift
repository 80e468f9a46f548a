import AthanorLanguage

/// A prompt bound by `prompt NAME …`, possibly applied to template arguments: `capital(country: "Peru")`.
public struct PromptHandle: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var messages: [Message]
    /// Values given by applying the prompt, which fill its placeholders before any other binding.
    public var arguments: Record

    public struct Message: Sendable, Hashable {
        public var role: ChatMessage.Role
        public var template: Template
        /// Where the template was written, for diagnostics about its placeholders.
        public var range: SourceRange

        public init(role: ChatMessage.Role, template: Template, range: SourceRange) {
            self.role = role
            self.template = template
            self.range = range
        }
    }

    public init(name: String, messages: [Message], arguments: Record = Record()) {
        self.name = name
        self.messages = messages
        self.arguments = arguments
    }

    public var description: String {
        arguments.isEmpty
            ? name : "\(name)(" + arguments.fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
    }
}
