import Foundation

/// A number an `ATHANOR_*` environment variable sets, with its default and the values it accepts.
///
/// Every such variable is read through here, so each is validated the same way and a value that
/// cannot be used falls back to the default with a sentence saying so (`problems`), rather than
/// being taken as 0, infinity or a crash. `all` is the list docs/limits.md mirrors.
public struct EnvironmentNumber: Sendable, Hashable {
    public let name: String
    public let defaultValue: Double
    /// The values accepted; with `excludingMinimum`, its lower bound is not.
    public let range: ClosedRange<Double>
    public let excludingMinimum: Bool
    /// The unit, as a sentence says it: "seconds", "MB".
    public let unit: String

    public init(
        _ name: String, default defaultValue: Double, range: ClosedRange<Double>, excludingMinimum: Bool = false,
        unit: String
    ) {
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.excludingMinimum = excludingMinimum
        self.unit = unit
    }

    /// The value `environment` gives, or the default when it is unset, empty or unusable.
    public func value(in environment: [String: String]) -> Double {
        parsed(environment) ?? defaultValue
    }

    /// A sentence when `environment` sets this variable to something unusable; nil otherwise.
    public func problem(in environment: [String: String]) -> String? {
        guard let text = environment[name], !text.trimmingCharacters(in: .whitespaces).isEmpty,
            parsed(environment) == nil
        else { return nil }
        let accepted =
            excludingMinimum
            ? "above \(Self.format(range.lowerBound)) and at most \(Self.format(range.upperBound))"
            : "from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
        return "\(name)=\(text) is not a number of \(unit) \(accepted); using \(Self.format(defaultValue)) \(unit)"
    }

    private func parsed(_ environment: [String: String]) -> Double? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces),
            let number = Double(text), number.isFinite, range.contains(number),
            !(excludingMinimum && number == range.lowerBound)
        else { return nil }
        return number
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}

extension EnvironmentNumber {
    /// How long a request may take, from connecting to its last byte (`OpenRouterConfiguration`).
    public static let requestTimeout = EnvironmentNumber(
        "ATHANOR_REQUEST_TIMEOUT", default: 120, range: 0...86_400, excludingMinimum: true, unit: "seconds")
    /// How long a request may go without receiving a byte, streams included (`OpenRouterConfiguration`).
    public static let idleTimeout = EnvironmentNumber(
        "ATHANOR_IDLE_TIMEOUT", default: 60, range: 0...86_400, excludingMinimum: true, unit: "seconds")
    /// How large a response may grow, decompressed, before it is abandoned as the point's error.
    /// The largest legitimate answer asks for 20 `top_logprobs`: about 1.7 KB per token (the token
    /// and its 20 alternatives, each with its `bytes`), about 2 KB per token streamed as one SSE
    /// chunk each (measured on the simulator's answers). 16 MB holds 8,000 streamed tokens at 20
    /// alternatives, beyond the `max_tokens` logprob experiments use, and bounds the memory a
    /// hostile or broken server can claim per request.
    public static let maxResponseMegabytes = EnvironmentNumber(
        "ATHANOR_MAX_RESPONSE_MB", default: 16, range: 0...4096, excludingMinimum: true, unit: "MB")
    /// How long a run waits for an unreachable store before it holds its answers in a file (`RunDurability`).
    public static let storeWait = EnvironmentNumber(
        "ATHANOR_STORE_WAIT", default: 120, range: 0...86_400, unit: "seconds")
    /// How long one request may spend waiting out rate limits (`RetryPolicy`).
    public static let rateLimitWait = EnvironmentNumber(
        "ATHANOR_RATE_LIMIT_WAIT", default: RetryPolicy.defaultRateLimitWait, range: 0...86_400, unit: "seconds")

    /// How long a worker holds the points it claimed without renewing them (`Worker`): a worker
    /// paused longer loses them to others.
    public static let workerLease = EnvironmentNumber(
        "ATHANOR_WORKER_LEASE", default: 30, range: 0...86_400, excludingMinimum: true, unit: "seconds")

    /// Every number the environment sets.
    public static let all: [EnvironmentNumber] = [
        requestTimeout, idleTimeout, maxResponseMegabytes, storeWait, rateLimitWait, workerLease,
    ]

    /// A sentence for each variable set to something unusable.
    public static func problems(in environment: [String: String]) -> [String] {
        all.compactMap { $0.problem(in: environment) }
    }
}
