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
    /// The coordinates as canonical JSON text (sorted keys): what the key hashes and the store keeps.
    public var coordinatesJSON: String

    public init(coordinatesJSON: String, label: String) {
        self.coordinatesJSON = coordinatesJSON
        self.label = label
        key = Self.hash(coordinatesJSON)
    }

    public init(coordinates: JSONValue, label: String) {
        self.init(coordinatesJSON: coordinates.serializedForJSONB(), label: label)
    }

    public var coordinates: JSONValue { (try? JSONValue.parse(coordinatesJSON)) ?? [:] }

    /// The identity of a repeated place: its `occurrence` (2, 3, …) is part of the coordinates.
    func occurrence(_ n: Int) -> PointIdentity {
        guard n > 1, case .object(var members) = coordinates else { return self }
        members["occurrence"] = .number(Double(n))
        return PointIdentity(coordinates: .object(members), label: "\(label)#\(n)")
    }

    /// A point's coordinates as canonical JSON: `turnModels` only for conversations, `score` (the
    /// continuation) only for scoring chains. Written member by member in sorted order (`model`,
    /// `params`, `repeat`, `score`, `turn_models`, `vars`): a sweep writes one per point, twice (to
    /// check it, then to store it).
    static func coordinates(
        model: String?, variables: Record, params: Record, repeatIndex: Int, turnModels: [String]?,
        score: String? = nil
    ) -> String {
        var writer = JSONWriter(replacingNUL: true, capacity: 128)
        writer.beginObject()
        if let model {
            writer.key("model")
            writer.write(model)
        }
        writer.key("params")
        writer.write(.record(params))
        writer.key("repeat")
        writer.write(repeatIndex)
        if let score {
            writer.key("score")
            writer.write(score)
        }
        if let turnModels {
            writer.key("turn_models")
            writer.beginArray()
            for name in turnModels { writer.write(name) }
            writer.endArray()
        }
        writer.key("vars")
        writer.write(.record(variables))
        writer.endObject()
        return writer.text
    }

    /// FNV-1a with 128 bits (offset basis and prime from the FNV specification), as 32 hex digits.
    static func hash(_ text: String) -> String {
        var high: UInt64 = 0x6c62_272e_07bb_0142
        var low: UInt64 = 0x62b8_2175_6295_c58d
        var text = text
        text.withUTF8 { bytes in
            // The prime is 2^88 + 0x13b: its high word is 2^24, its low word 0x13b.
            for byte in bytes {
                low ^= UInt64(byte)
                let (carry, product) = low.multipliedFullWidth(by: 0x13b)
                high = high &* 0x13b &+ (low << 24) &+ carry
                low = product
            }
        }
        return String(unsafeUninitializedCapacity: 32) { digits in
            for (offset, word) in [(0, high), (16, low)] {
                for i in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word >> (60 - 4 * UInt64(i))) & 0xF
                    digits[offset + i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
            }
            return 32
        }
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
