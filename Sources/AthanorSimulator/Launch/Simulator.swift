import AthanorCore
import Foundation
import Synchronization

/// Routes a request to an OpenRouter-shaped response: the simulator without its sockets.
///
/// Paths match by suffix, so `/api/v1/chat/completions` and `/v1/chat/completions` both work.
/// The handler never sleeps or touches a socket itself; latency and breakage travel in the
/// returned `HTTPResponse`, which keeps this type testable without a network.
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    public let stats = SimulatorStats()
    private let generator: AnswerGenerator
    /// Chat requests being answered now, for `--max-in-flight` (those refused with 429 not counted).
    private let chatInFlight = Mutex(0)

    public init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        generator = AnswerGenerator(scenario: configuration.scenario)
    }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.path.hasSuffix("/sim/stats") {
            return .json(200, stats.snapshot.json.serialized())
        }
        if request.path.hasSuffix("/sim/reset") {
            guard request.method == "POST" else { return ErrorBody.response(405, "Use POST /sim/reset") }
            stats.reset()
            return .json(200, stats.snapshot.json.serialized())
        }
        let isChat = request.path.hasSuffix("/chat/completions")
        let serial = stats.begin(isChat: isChat && request.method == "POST")
        guard isChat && request.method == "POST", let limit = configuration.maxInFlight else {
            var response = route(request, isChat: isChat, serial: serial)
            response.onFinish = { [stats] in stats.end() }
            return response
        }
        let admitted = chatInFlight.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else {
            var refusal = ErrorBody.response(
                429, "Too many requests in flight: at most \(limit) at once", headers: [("Retry-After", "1")])
            refusal.onFinish = { [stats] in stats.end() }
            return refusal
        }
        var response = route(request, isChat: isChat, serial: serial)
        response.onFinish = { [self] in
            chatInFlight.withLock { $0 -= 1 }
            stats.end()
        }
        return response
    }

    private func route(_ request: HTTPRequest, isChat: Bool, serial: UInt64) -> HTTPResponse {
        let isModels = request.path.hasSuffix("/models")
        guard isChat || isModels else { return ErrorBody.response(404, "Not Found") }
        if let failure = authenticationFailure(request) { return ErrorBody.response(401, failure) }
        if isModels {
            guard request.method == "GET" else { return ErrorBody.response(405, "Use GET for /models") }
            let required = request.query["supported_parameters"]?.split(separator: ",").map(String.init) ?? []
            var response = HTTPResponse.json(200, configuration.catalog.listing(requiring: required).serialized())
            response.delay = configuration.latency
            return response
        }
        guard request.method == "POST" else { return ErrorBody.response(405, "Use POST for /chat/completions") }
        return chat(request, serial: serial)
    }

    /// OpenRouter's two real 401 messages: no key at all, and a key it does not know. A strict
    /// OpenAI-compatible server without `--api-key` needs no key, like a local vLLM.
    private func authenticationFailure(_ request: HTTPRequest) -> String? {
        if configuration.strictOpenAI, configuration.apiKey == nil { return nil }
        let header = request.headers["authorization"] ?? ""
        guard let key = Self.bearerKey(header) else { return "No auth credentials found" }
        guard !key.isEmpty else { return "No auth credentials found" }
        if let expected = configuration.apiKey, key != expected { return "User not found." }
        return nil
    }

    /// The key after a case-insensitive `Bearer `, without surrounding spaces and tabs; nil
    /// without that prefix. ASCII headers are read as bytes: there, lower-casing, `Character`s and
    /// `CharacterSet.whitespaces` (space separators and tab) all come down to single bytes.
    private static func bearerKey(_ header: String) -> String? {
        let utf8 = Array(header.utf8)
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            guard header.lowercased().hasPrefix("bearer ") else { return nil }
            return header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        }
        let prefix = "bearer ".utf8
        guard utf8.count >= prefix.count,
            zip(utf8, prefix).allSatisfy({ ($0 &- UInt8(ascii: "A") < 26 ? $0 | 0x20 : $0) == $1 })
        else { return nil }
        var key = utf8[prefix.count...]
        while let first = key.first, first == 0x20 || first == 0x09 { key.removeFirst() }
        while let last = key.last, last == 0x20 || last == 0x09 { key.removeLast() }
        return String(decoding: key, as: UTF8.self)
    }

    private func chat(_ http: HTTPRequest, serial: UInt64) -> HTTPResponse {
        guard let json = RequestJSON.read(http.body) else {
            return ErrorBody.response(400, "Invalid JSON in request body")
        }
        if configuration.strictOpenAI, let refusal = StandardFields.refusal(json) {
            return ErrorBody.response(400, refusal)
        }
        let request: ChatRequest
        do {
            request = try ChatRequest(json: json)
        } catch {
            return ErrorBody.response(400, error.message)
        }
        let model = configuration.catalog.model(request.model)
        if request.requireParameters, request.topLogprobs != nil, !model.supportsLogprobs {
            return ErrorBody.response(404, "No endpoints found that can handle the requested parameters.")
        }
        let rule = configuration.scenario.rule(forPrompt: request.lastUserMessage, model: request.model)
        let fault: SimulatedFault?
        switch chosenFault(http, rule: rule, serial: serial) {
        case .success(let chosen): fault = chosen
        case .failure(let unknown): return ErrorBody.response(400, unknown.message)
        }
        let answer = generator.answer(request, rule: rule)
        let body = CompletionBody(
            envelope: CompletionEnvelope(
                model: request.model, fingerprint: answer.fingerprint, serial: serial,
                created: Int(Date().timeIntervalSince1970)),
            answer: answer, pricing: model, logprobsRequested: request.topLogprobs != nil,
            logprobsAvailable: model.supportsLogprobs && fault != .noLogprobs)
        var response = FaultResponder(body: body, latency: configuration.latency).response(
            fault: fault, stream: request.stream)
        if fault == .slow { response.delay += configuration.slowDelay }
        return response
    }

    /// `X-Sim-Fault` beats the scenario rule's fault, which beats the random schedule.
    private func chosenFault(
        _ http: HTTPRequest, rule: ScenarioRule?, serial: UInt64
    ) -> Result<SimulatedFault?, ChatRequest.Invalid> {
        if let name = http.headers["x-sim-fault"] {
            guard let fault = SimulatedFault(rawValue: name) else {
                return .failure(.init(message: "Unknown X-Sim-Fault \"\(name)\"; known: \(SimulatedFault.knownNames)"))
            }
            return .success(fault)
        }
        if let fault = rule?.fault {
            return .success(fault)
        }
        return .success(configuration.faults.fault(forRequest: serial))
    }
}
