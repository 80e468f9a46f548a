/// The settings `:set NAME VALUE` changes: the one list that `:set`, `:help settings` and completion read.
public enum SettingName: String, Sendable, CaseIterable {
    case concurrency, top, color, timing, cache, stream
    case maxCost = "max_cost"
    case pager
    case enqueue

    /// The values it takes, e.g. `0–20` or `on|off`.
    public var values: String {
        switch self {
        case .concurrency: "1–256"
        case .top: "0–20"
        case .maxCost: "USD|off"
        case .color, .timing, .cache, .stream, .pager, .enqueue: "on|off"
        }
    }

    /// What it changes, in a few words for `:help settings`.
    public var summary: String {
        switch self {
        case .concurrency: "requests in flight at once, for plans that do not say"
        case .top: "alternatives shown per token"
        case .color: "colour, where the terminal allows it"
        case .timing: "how long each cell took"
        case .cache: "serve identical requests from the response cache"
        case .stream: "an ask's tokens as they arrive"
        case .maxCost: "refuse a plan estimated above it, unsent; stop a run whose answers' cost reaches it"
        case .pager: "output taller than the screen goes through $PAGER (default less -FRX)"
        case .enqueue: "store each ask and sweep for `athanor worker`, unsent"
        }
    }

    /// The words TAB offers as its value; empty where the value is a number.
    public var choices: [String] {
        switch self {
        case .color, .timing, .cache, .stream, .pager, .enqueue: ["on", "off"]
        case .maxCost: ["off"]
        case .concurrency, .top: []
        }
    }
}
