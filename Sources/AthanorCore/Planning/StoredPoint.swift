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

extension PlanPoint {
    /// The row `run_points` stores for this point.
    public var storedPoint: StoredPoint {
        var request = JSONWriter(replacingNUL: true, capacity: 512)
        request.beginObject()
        request.key("repeat")
        request.write(repeatIndex)
        request.key("turns")
        request.beginArray()
        for turn in turns {
            request.beginObject()
            request.key("messages")
            request.write(.array(turn.messages.map(\.jsonValue)))
            request.key("model")
            request.write(["id": .string(turn.model.id), "name": .string(turn.model.name)])
            request.key("params")
            request.write(turn.parameters.jsonValue)
            request.endObject()
        }
        request.endArray()
        request.key("vars")
        request.write(.array(variables.fields.map { .array([.string($0.key), $0.value.jsonValue]) }))
        request.endObject()
        return StoredPoint(
            index: index, key: key, label: label, coordinates: identity.coordinates.serializedForJSONB(),
            request: request.text)
    }

    /// The point a stored row describes; nil when the row is not of that shape.
    public init?(stored: StoredPoint) {
        guard let request = try? JSONValue.parse(stored.request),
            let coordinates = try? JSONValue.parse(stored.coordinates), let turns = request["turns"]?.arrayValue
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
        let variables = (request["vars"]?.arrayValue ?? []).compactMap { pair -> Record.Field? in
            guard let name = pair.arrayValue?.first?.stringValue, let value = pair.arrayValue?.last else { return nil }
            return Record.Field(name, Value(json: value))
        }
        var identity = PointIdentity(coordinates: coordinates, label: stored.label)
        identity.key = stored.key
        self.init(
            identity: identity, index: stored.index, variables: Record(variables),
            repeatIndex: request["repeat"]?.intValue ?? 0, turns: planned)
    }
}
