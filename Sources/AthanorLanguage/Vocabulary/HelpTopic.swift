/// The topics of `:help TOPIC` (besides meta-commands, which lead to `meta`), for completion and for the
/// help text, which has a screen for each.
public enum HelpTopic: String, Sendable, CaseIterable {
    case model, prompt, `let`, ask, score, sweep, assert, show, values, functions, fields, meta, settings, keys

    /// The topic for what follows `:help`: a topic, a meta-command (with or without its colon), or nil.
    public init?(asked topic: String) {
        let key = topic.lowercased()
        let command = key.hasPrefix(":") ? String(key.dropFirst()) : key
        if let found = HelpTopic(rawValue: key) {
            self = found
        } else if MetaCommand(name: command) != nil || ["commands", "meta-commands"].contains(command) {
            self = .meta
        } else {
            return nil
        }
    }
}
