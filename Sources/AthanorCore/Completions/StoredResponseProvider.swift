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
public final class StoredResponseProvider: CompletionProvider {
    public static let notRecorded = ProviderError.Code(rawValue: "not_recorded")

    private struct Slot: Hashable {
        var key: String?
        var fingerprint: String
    }

    private let answers = Mutex<[Slot: [Completion]]>([:])
    private let served = Mutex(0)

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

    /// How many requests were answered from storage.
    public var servedCount: Int { served.withLock { $0 } }

    public func complete(_ request: CompletionRequest) async throws -> Completion {
        let slot = Slot(key: RequestContext.pointKey, fingerprint: Self.fingerprint(request))
        let found: Completion? = answers.withLock { table in
            guard var queue = table[slot], !queue.isEmpty else { return nil }
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
