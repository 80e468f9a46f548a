/// A point as `run_points` keeps it: enough to send its requests again without the script.
///
/// `coordinates` and `request` are jsonb text (`PlanPoint.storedPoint`); `request` holds the
/// variables in their order and every turn's model, parameters and messages, exactly as planned.
/// `resume` reads points back from here, so what it sends is what the plan said, whatever `--var`,
/// cells or data files were involved when the run started.
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

/// Writes a plan's points as `run_points` rows. What repeats from point to point (a turn's model
/// and parameters) is serialized once and reused: a 100,000-point plan is written in one pass.
public struct StoredPointWriter {
    private var heads: [TurnHead: String] = [:]

    private struct TurnHead: Hashable {
        var id: String
        var name: String
        var parameters: ModelParameters
    }

    public init() {}

    public mutating func row(for point: PlanPoint) -> StoredPoint {
        var request = JSONWriter(replacingNUL: true, capacity: 512)
        request.beginObject()
        request.key("turns")
        request.beginArray()
        for turn in point.turns {
            request.beginObject()
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
            request.key("model")
            request.write(serialized: head(turn))
            request.endObject()
        }
        request.endArray()
        // The variables' values are in the coordinates; their order is here.
        request.key("vars")
        request.beginArray()
        for field in point.variables.fields { request.write(field.key) }
        request.endArray()
        request.endObject()
        return StoredPoint(
            index: point.index, key: point.key, label: point.label, coordinates: point.identity.coordinatesJSON,
            request: request.text)
    }

    /// `{"id":…,"name":…},"params":{…}`: the model member's value and the params member after it.
    private mutating func head(_ turn: PlannedTurn) -> String {
        let head = TurnHead(id: turn.model.id, name: turn.model.name, parameters: turn.parameters)
        if let text = heads[head] { return text }
        var writer = JSONWriter(replacingNUL: true, capacity: 128)
        writer.write(["id": .string(head.id), "name": .string(head.name)])
        writer.key("params")
        writer.write(head.parameters.jsonValue)
        let text = writer.text
        heads[head] = text
        return text
    }
}

extension PlanPoint {
    /// The row `run_points` stores for this point.
    public var storedPoint: StoredPoint {
        var writer = StoredPointWriter()
        return writer.row(for: self)
    }

    /// The point a stored row describes; nil when the row is not of that shape.
    public init?(stored: StoredPoint) {
        guard let request = try? JSONValue.parse(stored.request), let turns = request["turns"]?.arrayValue
        else { return nil }
        var planned: [PlannedTurn] = []
        for turn in turns {
            guard let id = turn["model"]?["id"]?.stringValue, let name = turn["model"]?["name"]?.stringValue else {
                return nil
            }
            let parameters = ModelParameters(json: turn["params"] ?? [:])
            planned.append(
                PlannedTurn(
                    model: ModelHandle(name: name, id: id, parameters: parameters), parameters: parameters,
                    messages: CompletionRequest(json: ["messages": turn["messages"] ?? []]).messages))
        }
        guard let coordinates = try? JSONValue.parse(stored.coordinates) else { return nil }
        let values = coordinates["vars"] ?? [:]
        let variables = (request["vars"]?.arrayValue ?? []).compactMap { name -> Record.Field? in
            guard let name = name.stringValue, let value = values[name] else { return nil }
            return Record.Field(name, Value(json: value))
        }
        var identity = PointIdentity(coordinatesJSON: stored.coordinates, label: stored.label)
        identity.key = stored.key
        self.init(
            identity: identity, index: stored.index, variables: Record(variables),
            repeatIndex: coordinates["repeat"]?.intValue ?? 0, turns: planned)
    }
}
