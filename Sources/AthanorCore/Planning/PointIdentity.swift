/// Who a point is: its coordinates in full, the stable key hashed from them, and a label for people.
///
/// The coordinates are the point's place in its sweep (model, every variable's value, the swept
/// params, the repeat, and for a conversation each turn's model), written as JSON with sorted keys
/// so the same place always gives the same text. The key is that text's FNV-1a hash (128 bits, 32
/// hex digits): two runs of the same experiment give their points the same keys, which is what
/// `compare`, `replay --diff` and `resume` pair them by, however long or similar the values are.
/// Points with identical coordinates (a value listed twice) are told apart by an `occurrence`.
public struct PointIdentity: Sendable, Hashable {
    public var key: String
    /// `model=mini;country=France;temperature=0.7` (values shortened; not unique, not for pairing).
    public var label: String
    public var coordinates: JSONValue

    public init(coordinates: JSONValue, label: String) {
        self.coordinates = coordinates
        self.label = label
        key = Self.hash(coordinates.serialized())
    }

    /// The identity of a repeated place: its `occurrence` (2, 3, …) is part of the coordinates.
    func occurrence(_ n: Int) -> PointIdentity {
        guard n > 1, case .object(var members) = coordinates else { return self }
        members["occurrence"] = .number(Double(n))
        return PointIdentity(coordinates: .object(members), label: "\(label)#\(n)")
    }

    /// The coordinates of a point: `turnModels` only for conversations, `occurrence` added later.
    static func coordinates(model: String?, variables: Record, params: Record, repeatIndex: Int, turnModels: [String]?)
        -> JSONValue
    {
        var members: [String: JSONValue] = [
            "vars": variables.jsonValue, "params": params.jsonValue, "repeat": .number(Double(repeatIndex)),
        ]
        if let model { members["model"] = .string(model) }
        if let turnModels { members["turn_models"] = .array(turnModels.map(JSONValue.string)) }
        return .object(members)
    }

    /// FNV-1a with 128 bits (offset basis and prime from the FNV specification), as 32 hex digits.
    static func hash(_ text: String) -> String {
        var high: UInt64 = 0x6c62_272e_07bb_0142
        var low: UInt64 = 0x62b8_2175_6295_c58d
        // The prime is 2^88 + 0x13b: its high word is 2^24, its low word 0x13b.
        for byte in text.utf8 {
            low ^= UInt64(byte)
            let (carry, product) = low.multipliedFullWidth(by: 0x13b)
            high = high &* 0x13b &+ (low << 24) &+ carry
            low = product
        }
        return hex(high) + hex(low)
    }

    private static func hex(_ word: UInt64) -> String {
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Makes the identities of one plan's points unique, in plan order.
struct PointIdentities {
    private var seen: [String: Int] = [:]

    mutating func unique(_ identity: PointIdentity) -> PointIdentity {
        let n = seen[identity.key, default: 0] + 1
        seen[identity.key] = n
        return identity.occurrence(n)
    }
}
