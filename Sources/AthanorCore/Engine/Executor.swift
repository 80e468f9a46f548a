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
    /// Paces requests with other processes (workers sharing a rate and a server's rate limits).
    var pacer: (any RequestPacer)? = nil
    /// Budgets the answers' cost is summed against (`--max-cost`, `:set max_cost`): once one is
    /// reached no further point is started, and a point not yet started is left unsent.
    var limits: [SpendingLimit] = []

    /// What a run did: counts always, the results themselves only with `keepResults`.
    struct Outcome: Sendable {
        var results: [ResultValue] = []
        var finished = 0
        var succeeded = 0
        var firstError: String?
        /// Requests the transport started, retries included (answers from a cache or a stored
        /// session are not requests).
        var requests = 0
        /// Why points were left unsent: the store was given up on, or the points could not be read.
        var stoppedBecause: String?
        /// The budget that stopped the run (its answers' cost reached it), if one did.
        var budgetReached: SpendingLimit?
    }

    /// The first budget that is reached, if any.
    private var reachedLimit: SpendingLimit? { limits.first(where: \.isReached) }

    /// Runs the points `feed` gives, in its order, at most `concurrency` requests in flight.
    func run(_ feed: inout some PointFeed, concurrency: Int, recorder: Recorder) async -> Outcome {
        var kept: [ResultValue] = []
        var outcome = Outcome()
        let (waits, waitStarted) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let limiter = SharedLimiter(maximum: concurrency, onWait: { waitStarted.yield() })
        await withTaskGroup(of: Event.self) { group in
            var running = 0
            var exhausted = false
            func fill() async {
                // Twice as many points run as requests may be in flight: the transport holds the
                // extra requests ready and sends each the moment an answer is in, while the
                // points already answered are read and stored. A point waiting to retry (after a
                // 429, its `Retry-After`) does not count: others go meanwhile.
                while !exhausted, running - limiter.waiting < 2 * limiter.limit, !Task.isCancelled {
                    // A run whose answers' cost reached its budget sends no further point.
                    if let reached = reachedLimit {
                        outcome.budgetReached = reached
                        exhausted = true
                        return
                    }
                    // Nothing new is sent while the store cannot keep what comes back.
                    guard await recorder.mayContinue() else {
                        outcome.stoppedBecause = await recorder.storeFailure
                        exhausted = true
                        return
                    }
                    let point: PlanPoint
                    do {
                        // Computed (or read) here, as it is sent: a sweep's points are not held in memory.
                        guard let next = try await feed.next() else {
                            exhausted = true
                            return
                        }
                        point = next
                    } catch {
                        outcome.stoppedBecause = "the run's points could not be read: \(error)"
                        exhausted = true
                        return
                    }
                    group.addTask { .finished(await self.execute(point, recorder: recorder, limiter: limiter)) }
                    running += 1
                }
            }
            // Every point is done: the waker is let go, and the group ends.
            func letWakerGoWhenDone() {
                if running == 0, exhausted || Task.isCancelled { waitStarted.finish() }
            }
            // Wakes the loop when a point starts waiting to retry, so another point can start.
            group.addTask { await Self.nextWait(waits) }
            await fill()
            letWakerGoWhenDone()
            while let event = await group.next() {
                switch event {
                case .waitStarted:
                    group.addTask { await Self.nextWait(waits) }
                case .waitsEnded:
                    continue
                case .finished(let result):
                    running -= 1
                    let cost = result.turns.reduce(0) { $0 + ($1.completion.usage?.cost ?? 0) }
                    for limit in limits { limit.add(cost) }
                    outcome.finished += 1
                    if result.error == nil {
                        outcome.succeeded += 1
                    } else if result.error != "cancelled", outcome.firstError == nil {
                        outcome.firstError = result.error
                    }
                    if keepResults { kept.append(result) }
                    onPoint(result, outcome.finished)
                }
                await fill()
                letWakerGoWhenDone()
            }
        }
        outcome.results = kept.sorted { $0.index < $1.index }
        outcome.requests = limiter.requestsStarted
        return outcome
    }

    /// What ends a task of the run's group: a point, or the wait for a point to start waiting.
    private enum Event: Sendable {
        case finished(ResultValue)
        case waitStarted
        case waitsEnded
    }

    private static func nextWait(_ waits: AsyncStream<Void>) async -> Event {
        for await _ in waits { return .waitStarted }
        return .waitsEnded
    }

    /// One point: its turns in order (a conversation appends each answer before the next turn).
    private func execute(_ point: PlanPoint, recorder: Recorder, limiter: SharedLimiter) async -> ResultValue {
        var conversation: [ChatMessage] = []
        var turns: [ResultValue.Turn] = []
        var requests = 0
        var failure: String? =
            point.turns.isEmpty
            ? "this point's prompt could not be filled again when it was sent (it was when planned)" : nil
        // Started before the budget was reached, but not sent yet: it stays unsent for `resume`.
        if reachedLimit != nil {
            return ResultValue(
                key: point.key, label: point.label, index: point.index, modelName: point.turns.last?.model.name ?? "",
                modelID: point.turns.last?.model.id ?? "", variables: point.variables,
                parameters: point.turns.last?.parameters ?? ModelParameters(), repeatIndex: point.repeatIndex,
                turns: [], error: "cancelled")
        }
        if !point.turns.isEmpty { await recorder.sent(point.index) }
        var chain = point.score.map(ScoreChain.init(continuation:))
        if var scoring = chain, let planned = point.turns.first {
            // A scoring chain: one request per token, each continuing the prefill by the text scored so far.
            while !scoring.isFinished {
                let request = CompletionRequest(
                    model: planned.model.id, messages: scoring.messages(after: planned.messages),
                    parameters: ScoreChain.stepParameters(planned.parameters), endpoint: planned.model.endpoint)
                do {
                    let (completion, attempts) = try await send(
                        request, key: point.key, label: point.label, turn: turns.count + 1, recorder: recorder,
                        limiter: limiter)
                    requests += completion.servedFrom == nil ? attempts : attempts - 1
                    turns.append(
                        ResultValue.Turn(modelName: planned.model.name, request: request, completion: completion))
                    guard completion.tokens != nil else {
                        failure =
                            "step \(turns.count) of the scoring chain came back without logprobs "
                            + "(\(completion.provider ?? "the provider") sent none)"
                        break
                    }
                    scoring.take(ScoreChain.topList(of: completion))
                } catch {
                    requests += error.attempts
                    failure = error.error is CancellationError ? "cancelled" : "\(error.error)"
                    break
                }
            }
            chain = scoring
        }
        for (t, planned) in point.turns.enumerated() where chain == nil {
            conversation += planned.messages
            let request = CompletionRequest(
                model: planned.model.id, messages: conversation, parameters: planned.parameters,
                endpoint: planned.model.endpoint)
            do {
                let (completion, attempts) = try await send(
                    request, key: point.key, label: point.label, turn: t + 1, recorder: recorder, limiter: limiter)
                requests += completion.servedFrom == nil ? attempts : attempts - 1
                turns.append(ResultValue.Turn(modelName: planned.model.name, request: request, completion: completion))
                conversation.append(ChatMessage(role: .assistant, content: completion.text))
            } catch {
                requests += error.attempts
                failure = error.error is CancellationError ? "cancelled" : "\(error.error)"
                break
            }
        }
        let last = point.turns.last
        let result = ResultValue(
            key: point.key, label: point.label, index: point.index,
            modelName: turns.last?.modelName ?? last?.model.name ?? "",
            modelID: turns.last?.request.model ?? last?.model.id ?? "", variables: point.variables,
            parameters: last?.parameters ?? ModelParameters(), repeatIndex: point.repeatIndex, turns: turns,
            error: failure, score: chain)
        // A point cut short by cancellation is not stored, so `resume` sends it again.
        if failure != "cancelled" {
            await recorder.save(ResultRow(result, requests: requests))
        }
        return result
    }

    /// Why a request was given up on, and how many attempts went out before.
    private struct SendFailure: Error {
        var error: any Error
        var attempts: Int
    }

    /// Sends one request, retrying as the policy says. The run's limiter goes with it to the
    /// transport, which keeps at most `limiter.limit` of the run's requests in flight; a request
    /// waiting for a retry is not one of them.
    private func send(
        _ request: CompletionRequest, key: String, label: String, turn: Int, recorder: Recorder,
        limiter: SharedLimiter
    ) async throws(SendFailure) -> (Completion, attempts: Int) {
        var attempts = RetryPolicy.Attempts()
        while true {
            let sentAt = limiter.now
            do {
                try Task.checkCancellation()
                try await pacer?.beforeRequest()
                let attempt = attempts.sent
                let completion = try await RequestContext.$pointKey.withValue(key) {
                    try await RequestContext.$inFlightLimit.withValue(limiter) {
                        try await answer(request, attempt: attempt)
                    }
                }
                limiter.succeeded()
                return (completion, attempts.sent)
            } catch let error as ProviderError {
                if error.isRateLimit {
                    limiter.rateLimited(sentAt: sentAt)
                    await pacer?.rateLimited(retryAfter: error.retryAfter ?? 1)
                }
                let decision = retryPolicy.decide(after: error, attempts, jitter: Double.random(in: 0..<1))
                var metadata: [String: JSONValue] = [
                    "key": .string(label), "turn": .number(Double(turn)), "attempt": .number(Double(attempts.sent)),
                    "model": .string(request.model), "error": error.jsonValue,
                ]
                switch decision {
                case .retry(let delay):
                    metadata["retry_in_s"] = .number(delay)
                    metadata["in_flight_limit"] = .number(Double(limiter.limit))
                    // A rate limit is expected while the in-flight limit settles: logged, not warned of.
                    await recorder.log(
                        error.isRateLimit ? .info : .warning,
                        "\(label): \(error.message); retrying in \(Value.format(delay)) s", .object(metadata))
                    do {
                        try await limiter.waiting { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
                    } catch {
                        throw SendFailure(error: error, attempts: attempts.sent)
                    }
                    attempts.record(error, delay: delay)
                case .giveUp:
                    await recorder.log(.error, "\(label): \(error.message)", .object(metadata))
                    throw SendFailure(error: error, attempts: attempts.sent)
                }
            } catch {
                throw SendFailure(error: error, attempts: attempts.sent)
            }
        }
    }
}
