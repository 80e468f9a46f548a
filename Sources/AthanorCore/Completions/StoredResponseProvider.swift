import Foundation
import Synchronization

/// Answers requests from a stored session's responses and sends nothing: the provider of
/// `replay --offline`.
///
/// Matching: the replay loads, before each cell, the results of the original cell at the same
/// position. A request is then matched by its point key (from `RequestContext`, the planner's keys
/// are deterministic) and its request fingerprint (model, messages and parameters), which also
/// tells the turns of a conversation apart and two runs of one cell that share point keys.
/// Each stored answer is served once, in the original order, so repeated identical requests get
/// the original repeats' answers. A request with no stored answer fails that point with
/// `notRecorded`, which is not retried.
///
/// `replay --with FILE` loads the whole session at once (`loadSession`): a request is matched by
/// point key and request alone, whatever cell asks it and as often as it is asked, and a plan with
/// a point that has no stored answer is refused before anything is stored (`unanswered`).
public final class StoredResponseProvider: CompletionProvider {
    public static let notRecorded = ProviderError.Code(rawValue: "not_recorded")

    private struct Slot: Hashable {
        var key: String?
        var fingerprint: String
    }

    private let answers = Mutex<[Slot: [Completion]]>([:])
    private let served = Mutex(0)
    /// `loadSession`: the session whose answers these are, and the point keys that have one.
    private let session = Mutex<(id: Int64, keys: Set<String>)?>(nil)

    public init() {}

    /// Makes `results` (the original cell's, in run order) the answers for the next cell.
    public func load(_ results: [ResultValue]) {
        var table: [Slot: [Completion]] = [:]
        for result in results {
            for turn in result.turns {
                let fingerprint = Self.fingerprint(turn.request)
                table[Slot(key: result.key, fingerprint: fingerprint), default: []].append(turn.completion)
                table[Slot(key: nil, fingerprint: fingerprint), default: []].append(turn.completion)
            }
        }
        answers.withLock { $0 = table }
    }

    /// Makes every result of session `id` (all its runs') the answers for whatever runs next,
    /// each served as often as it is asked.
    public func loadSession(_ id: Int64, results: [ResultValue]) {
        load(results)
        session.withLock { $0 = (id, Set(results.filter { !$0.turns.isEmpty }.map(\.key))) }
    }

    /// With `loadSession`: why `plan` cannot be answered from the session (its first point with no
    /// stored answer for its key and first request), or nil when every point has one. A later turn
    /// of a conversation is known only once the turns before it are answered, so it is matched when
    /// it is asked.
    public func unanswered(_ plan: Plan) -> String? {
        guard let (id, keys) = session.withLock({ $0 }) else { return nil }
        let table = answers.withLock { $0 }
        for (counted, point) in plan.points.enumerated() {
            if counted % 4096 == 4095, Task.isCancelled { return nil }
            guard let turn = point.turns.first else { continue }
            let request = CompletionRequest(
                model: turn.model.id, messages: turn.messages, parameters: turn.parameters,
                endpoint: turn.model.endpoint)
            let slot = Slot(key: point.key, fingerprint: Self.fingerprint(request))
            guard table[slot]?.isEmpty == false else {
                let why =
                    keys.contains(point.key)
                    ? " to the request it makes now (its prompt, model or parameters changed)" : ""
                return "session \(id) has no stored answer for point \(point.label) (key \(point.key)) of "
                    + "\(plan.name)\(why); an offline replay sends nothing"
            }
        }
        return nil
    }

    /// How many requests were answered from storage.
    public var servedCount: Int { served.withLock { $0 } }

    public func complete(_ request: CompletionRequest) async throws -> Completion {
        let slot = Slot(key: RequestContext.pointKey, fingerprint: Self.fingerprint(request))
        let reusable = session.withLock { $0 != nil }
        let found: Completion? = answers.withLock { table in
            guard var queue = table[slot], !queue.isEmpty else { return nil }
            // A whole session's answers are served as often as they are asked.
            guard !reusable else { return queue[0] }
            let first = queue.removeFirst()
            table[slot] = queue
            return first
        }
        guard var completion = found else {
            throw ProviderError(
                code: Self.notRecorded,
                message: "no stored response for \(RequestContext.pointKey.map { "point \($0)" } ?? "this request") "
                    + "in the original session; an offline replay sends nothing")
        }
        served.withLock { $0 += 1 }
        completion.servedFrom = .replay
        completion.latencyMilliseconds = 0
        completion.usage?.cost = 0
        return completion
    }

    /// Model, messages and parameters, as stored: the same request always gives the same text
    /// (keys are serialized sorted). Never includes credentials: a request does not carry them.
    public static func fingerprint(_ request: CompletionRequest) -> String {
        request.jsonValue.serialized()
    }
}
