/// Everything `athanor-sim`'s command line decides.
public struct SimulatorConfiguration: Sendable {
    public var port: UInt16 = 0
    /// Added to every API request; spread over the tokens when streaming.
    public var latency: Duration = .zero
    public var scenario = Scenario()
    /// When set, `Authorization: Bearer` must carry exactly this key.
    public var apiKey: String?
    public var faults = FaultSchedule()
    /// How long the `slow` fault waits.
    public var slowDelay: Duration = .milliseconds(5000)
    public var catalog = ModelCatalog.standard
    /// When set, a chat request that arrives while this many are in flight is answered 429 with
    /// `Retry-After: 1`, as a provider with a concurrency limit does.
    public var maxInFlight: Int?
    /// Behave as a strict OpenAI-compatible server (`--strict-openai`): refuse any top-level
    /// request field OpenAI does not define with 400, and, unless `apiKey` is set, need no key.
    public var strictOpenAI = false

    public init() {}
}
