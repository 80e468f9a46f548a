import Foundation

/// Sends a plan's requests, at most `concurrency` at once, retrying what can be retried, and
/// records each point the moment it is done.
///
/// Cancelling the calling task cancels every request in flight; points already stored stay stored.
struct Executor: Sendable {
    let provider: any CompletionProvider
    let retryPolicy: RetryPolicy
    /// Called with each finished point, in completion order (for live output).
    var onPoint: @Sendable (ResultValue, Int) -> Void = { _, _ in }

    func run(_ plan: Plan, recorder: Recorder) async -> [ResultValue] {
        var results: [ResultValue?] = Array(repeating: nil, count: plan.points.count)
        var finished = 0
        await withTaskGroup(of: ResultValue.self) { group in
            var next = 0
            let limit = max(1, plan.concurrency)
            while next < min(limit, plan.points.count) {
                let point = plan.points[next]
                group.addTask { await self.execute(point, recorder: recorder) }
                next += 1
            }
            while let result = await group.next() {
                results[result.index] = result
                finished += 1
                onPoint(result, finished)
                if next < plan.points.count, !Task.isCancelled {
                    let point = plan.points[next]
                    group.addTask { await self.execute(point, recorder: recorder) }
                    next += 1
                }
            }
        }
        return results.compactMap { $0 }
    }

    /// One point: its turns in order (a conversation appends each answer before the next turn).
    private func execute(_ point: PlanPoint, recorder: Recorder) async -> ResultValue {
        var conversation: [ChatMessage] = []
        var turns: [ResultValue.Turn] = []
        var failure: String? = nil
        for (t, planned) in point.turns.enumerated() {
            conversation += planned.messages
            let request = CompletionRequest(model: planned.model.id, messages: conversation, parameters: planned.parameters)
            do {
                let completion = try await send(request, key: point.key, turn: t + 1, recorder: recorder)
                turns.append(ResultValue.Turn(modelName: planned.model.name, request: request, completion: completion))
                conversation.append(ChatMessage(role: .assistant, content: completion.text))
            } catch is CancellationError {
                failure = "cancelled"
                break
            } catch {
                failure = "\(error)"
                break
            }
        }
        let last = point.turns.last
        let result = ResultValue(
            key: point.key, index: point.index, modelName: turns.last?.modelName ?? last?.model.name ?? "",
            modelID: turns.last?.request.model ?? last?.model.id ?? "", variables: point.variables,
            parameters: last?.parameters ?? ModelParameters(), repeatIndex: point.repeatIndex, turns: turns, error: failure)
        if failure != "cancelled" || !turns.isEmpty {
            await recorder.save(result)
        }
        return result
    }

    private func send(_ request: CompletionRequest, key: String, turn: Int, recorder: Recorder) async throws -> Completion {
        var attempt = 1
        var waited = 0.0
        while true {
            try Task.checkCancellation()
            await recorder.requestSent()
            do {
                return try await RequestContext.$pointKey.withValue(key) { try await provider.complete(request) }
            } catch let error as ProviderError {
                let decision = retryPolicy.decide(after: error, attempt: attempt, waited: waited, jitter: Double.random(in: 0..<1))
                var metadata: JSONValue = [
                    "key": .string(key), "turn": .number(Double(turn)), "attempt": .number(Double(attempt)),
                    "model": .string(request.model), "error": error.jsonValue,
                ]
                switch decision {
                case .retry(let delay):
                    if case .object(var o) = metadata { o["retry_in_s"] = .number(delay); metadata = .object(o) }
                    await recorder.log(.warning, "\(key): \(error.message); retrying in \(Value.format(delay)) s", metadata)
                    try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                    waited += delay
                    attempt += 1
                case .giveUp:
                    await recorder.log(.error, "\(key): \(error.message)", metadata)
                    throw error
                }
            }
        }
    }
}
