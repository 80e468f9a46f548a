import Foundation

/// Sends a plan's requests, at most `concurrency` in flight at once (less while the provider
/// rate-limits), retrying what can be retried, and records each point the moment it is done.
///
/// The limit travels with each request (`RequestContext.inFlightLimit`) to the transport, which
/// applies it and reports each request it starts; an answer that needs no network (the response
/// cache, an offline replay) is neither limited nor counted. Points are started in plan order as
/// others finish, twice as many as the limit; finished results go to the recorder and are kept in
/// memory only when `keepResults` says so, so a 100,000-point sweep does not hold 100,000
/// answers. Cancelling the calling task cancels every request in flight; points already stored
/// stay stored.
struct Executor: Sendable {
    let provider: any CompletionProvider
    let retryPolicy: RetryPolicy
    /// Keep every result for the caller (small runs, which the language then reads from memory).
    var keepResults = true
    /// Called with each finished point, in completion order (for live output).
    var onPoint: @Sendable (ResultValue, Int) -> Void = { _, _ in }
    /// When set, requests are streamed and each piece of the answer comes here with its attempt
    /// number, as it arrives (a live `ask`, see `LiveAnswer`).
    var liveAnswer: (@Sendable (CompletionDelta, Int) -> Void)? = nil

    /// What a run did: counts always, the results themselves only with `keepResults`.
    struct Outcome: Sendable {
        var results: [ResultValue] = []
        var finished = 0
        var succeeded = 0
        var firstError: String?
        /// Requests the transport started, retries included (answers from a cache or a stored
        /// session are not requests).
        var requests = 0
    }

    /// Runs the plan's points, except those whose key is in `skipping` (already stored, on resume).
    func run(_ plan: Plan, skipping: Set<String> = [], recorder: Recorder) async -> Outcome {
        let points = plan.points
        var kept: [ResultValue?] = keepResults ? Array(repeating: nil, count: points.count) : []
        var outcome = Outcome()
        let limiter = SharedLimiter(maximum: plan.concurrency)
        await withTaskGroup(of: (Int, ResultValue).self) { group in
            var next = 0
            var running = 0
            func fill() {
                // Twice as many points run as requests may be in flight: the transport holds the
                // extra requests ready and sends each the moment an answer is in, while the
                // points already answered are read and stored.
                while next < points.count, running < 2 * limiter.limit, !Task.isCancelled {
                    // Computed here, as it is sent: a sweep's points are not held in memory.
                    let (index, point) = (next, points[next])
                    next += 1
                    if !skipping.isEmpty, skipping.contains(point.key) { continue }
                    group.addTask { (index, await self.execute(point, recorder: recorder, limiter: limiter)) }
                    running += 1
                }
            }
            fill()
            while let (index, result) = await group.next() {
                running -= 1
                outcome.finished += 1
                if result.error == nil {
                    outcome.succeeded += 1
                } else if result.error != "cancelled", outcome.firstError == nil {
                    outcome.firstError = result.error
                }
                if keepResults { kept[index] = result }
                onPoint(result, outcome.finished)
                fill()
            }
        }
        outcome.results = kept.compactMap { $0 }
        outcome.requests = limiter.requestsStarted
        return outcome
    }

    /// One point: its turns in order (a conversation appends each answer before the next turn).
    private func execute(_ point: PlanPoint, recorder: Recorder, limiter: SharedLimiter) async -> ResultValue {
        var conversation: [ChatMessage] = []
        var turns: [ResultValue.Turn] = []
        var failure: String? =
            point.turns.isEmpty
            ? "this point's prompt could not be filled again when it was sent (it was when planned)" : nil
        for (t, planned) in point.turns.enumerated() {
            conversation += planned.messages
            let request = CompletionRequest(
                model: planned.model.id, messages: conversation, parameters: planned.parameters)
            do {
                let completion = try await send(
                    request, key: point.key, turn: t + 1, recorder: recorder, limiter: limiter)
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
            parameters: last?.parameters ?? ModelParameters(), repeatIndex: point.repeatIndex, turns: turns,
            error: failure)
        // A point cut short by cancellation is not stored, so `resume` sends it again.
        if failure != "cancelled" {
            await recorder.save(result, row: ResultRow(key: result.key, json: result.jsonbText))
        }
        return result
    }

    /// Sends one request, retrying as the policy says. The run's limiter goes with it to the
    /// transport, which keeps at most `limiter.limit` of the run's requests in flight; a request
    /// waiting for a retry is not one of them.
    private func send(
        _ request: CompletionRequest, key: String, turn: Int, recorder: Recorder, limiter: SharedLimiter
    ) async throws -> Completion {
        var attempt = 1
        var waited = 0.0
        while true {
            try Task.checkCancellation()
            do {
                let completion = try await RequestContext.$pointKey.withValue(key) {
                    try await RequestContext.$inFlightLimit.withValue(limiter) {
                        try await answer(request, attempt: attempt)
                    }
                }
                limiter.succeeded()
                return completion
            } catch let error as ProviderError {
                if error.isRateLimit { limiter.rateLimited() }
                let decision = retryPolicy.decide(
                    after: error, attempt: attempt, waited: waited, jitter: Double.random(in: 0..<1))
                var metadata: [String: JSONValue] = [
                    "key": .string(key), "turn": .number(Double(turn)), "attempt": .number(Double(attempt)),
                    "model": .string(request.model), "error": error.jsonValue,
                ]
                switch decision {
                case .retry(let delay):
                    metadata["retry_in_s"] = .number(delay)
                    metadata["in_flight_limit"] = .number(Double(limiter.limit))
                    await recorder.log(
                        .warning, "\(key): \(error.message); retrying in \(Value.format(delay)) s", .object(metadata))
                    try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
                    waited += delay
                    attempt += 1
                case .giveUp:
                    await recorder.log(.error, "\(key): \(error.message)", .object(metadata))
                    throw error
                }
            }
        }
    }
}

extension ProviderError {
    /// A 429, whether as the status or inside a 200's error object: what lowers the in-flight limit.
    var isRateLimit: Bool { code == .rateLimited || (code == .errorInResponse && status == 429) }
}
