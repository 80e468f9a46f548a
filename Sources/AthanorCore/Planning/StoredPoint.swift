/// A point as `run_points` keeps it: enough to send its requests again without the script.
///
/// `coordinates` is canonical JSON (the point's full place in its sweep); `request` is JSON text
/// with each turn's messages and the number of its head (model and parameters) in the run's
/// `PlanHeads`, the variables' names in their order, and a scoring chain's continuation (`score`). `resume` reads points back from here, so
/// what it sends is what the plan said, whatever `--var`, cells or data files were involved when
/// the run started.
public struct StoredPoint: Sendable, Hashable {
    public var index: Int
    public var key: String
    public var label: String
    public var coordinates: String
    public var request: String

    public init(index: Int, key: String, label: String, coordinates: String, request: String) {
        self.index = index
        self.key = key
        self.label = label
        self.coordinates = coordinates
        self.request = request
    }
}

/// A point's state in `run_points.state`.
public enum PointState: String, Sendable, Hashable, CaseIterable {
    /// Planned, not sent yet.
    case pending
    /// Its first request went out; no answer is stored yet.
    case sent
    case answered
    /// Failed after retries: its error is stored as its result.
    case failed
    /// Its run was cancelled before it had an answer.
    case cancelled
}

/// What a plan's turns share: each distinct model and its parameters, stored once with the run
/// (`experiment_runs.plan`) rather than with each of 100,000 points.
public struct PlanHeads: Sendable, Hashable {
    public struct Head: Sendable, Hashable {
        public var model: ModelHandle
        public var parameters: ModelParameters
    }

    public private(set) var heads: [Head] = []
    private var numbers: [Head: Int] = [:]

    public init() {}

    /// The number of `turn`'s head, added when it is new.
    mutating func number(of turn: PlannedTurn) -> Int {
        let head = Head(model: turn.model, parameters: turn.parameters)
        if let n = numbers[head] { return n }
        heads.append(head)
        numbers[head] = heads.count - 1
        return heads.count - 1
    }

    /// `{"turn_heads": [{"model": {"id", "name", "endpoint"?}, "params": {…}}, …]}`: a model's
    /// endpoint is kept so `resume` sends to the same server (its key never is).
    public var jsonValue: JSONValue {
        [
            "turn_heads": .array(
                heads.map { head in
                    var model: [String: JSONValue] = ["id": .string(head.model.id), "name": .string(head.model.name)]
                    if let endpoint = head.model.endpoint { model["endpoint"] = .string(endpoint) }
                    return ["model": .object(model), "params": head.parameters.jsonValue]
                })
        ]
    }

    /// Reads back what `jsonValue` wrote; nil when it is not of that shape.
    public init?(json: JSONValue) {
        guard let list = json["turn_heads"]?.arrayValue else { return nil }
        for item in list {
            guard let id = item["model"]?["id"]?.stringValue, let name = item["model"]?["name"]?.stringValue else {
                return nil
            }
            let parameters = ModelParameters(json: item["params"] ?? [:])
            let model = ModelHandle(
                name: name, id: id, parameters: parameters, endpoint: item["model"]?["endpoint"]?.stringValue)
            heads.append(Head(model: model, parameters: parameters))
        }
    }
}

/// Writes a plan's points as `run_points` rows, gathering their `PlanHeads` as it goes.
public struct StoredPointWriter {
    public private(set) var heads = PlanHeads()

    public init() {}

    public mutating func row(for point: PlanPoint) -> StoredPoint {
        var request = JSONWriter(replacingNUL: true, capacity: 256)
        request.beginObject()
        request.key("turns")
        request.beginArray()
        for turn in point.turns {
            request.beginObject()
            request.key("head")
            request.write(heads.number(of: turn))
            request.key("messages")
            request.beginArray()
            for message in turn.messages {
                request.beginObject()
                request.key("content")
                request.write(message.content)
                request.key("role")
                request.write(message.role.rawValue)
                request.endObject()
            }
            request.endArray()
            request.endObject()
        }
        request.endArray()
        // The variables' values are in the coordinates; their order is here.
        request.key("vars")
        request.beginArray()
        for field in point.variables.fields { request.write(field.key) }
        request.endArray()
        // A scoring chain's continuation: `resume` sends the chain again from its first step.
        if let score = point.score {
            request.key("score")
            request.write(score)
        }
        request.endObject()
        return StoredPoint(
            index: point.index, key: point.key, label: point.label, coordinates: point.identity.coordinatesJSON,
            request: request.text)
    }
}

extension PlanPoint {
    /// The point a stored row describes, with its run's heads; nil when the row is not of that shape.
    public init?(stored: StoredPoint, heads: PlanHeads) {
        guard let request = try? JSONValue.parse(stored.request), let turns = request["turns"]?.arrayValue,
            let coordinates = try? JSONValue.parse(stored.coordinates)
        else { return nil }
        var planned: [PlannedTurn] = []
        for turn in turns {
            guard let n = turn["head"]?.intValue, heads.heads.indices.contains(n) else { return nil }
            let head = heads.heads[n]
            planned.append(
                PlannedTurn(
                    model: head.model, parameters: head.parameters,
                    messages: CompletionRequest(json: ["messages": turn["messages"] ?? []]).messages))
        }
        let values = coordinates["vars"] ?? [:]
        let variables = (request["vars"]?.arrayValue ?? []).compactMap { name -> Record.Field? in
            guard let name = name.stringValue, let value = values[name] else { return nil }
            return Record.Field(name, Value(json: value))
        }
        var identity = PointIdentity(coordinatesJSON: stored.coordinates, label: stored.label)
        identity.key = stored.key
        self.init(
            identity: identity, index: stored.index, variables: Record(variables),
            repeatIndex: coordinates["repeat"]?.intValue ?? 0, turns: planned, score: request["score"]?.stringValue)
    }
}
