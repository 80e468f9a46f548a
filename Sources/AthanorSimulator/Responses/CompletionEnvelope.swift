import AthanorCore

/// What every body and chunk of one answer shares: id, creation time, model and provider.
///
/// The id is `gen-<unix>-<20 base62 characters>` like OpenRouter's, mixed from the request
/// fingerprint and the simulator's request serial so two identical requests get distinct ids.
public struct CompletionEnvelope: Sendable {
    public var id: String
    public var created: Int
    public var model: String
    public static let provider = "Simulator"

    public init(model: String, fingerprint: UInt64, serial: UInt64, created: Int) {
        self.model = model
        self.created = created
        var random = SplitMix64(seed: fingerprint ^ (serial &* 0xd1b5_4a32_d192_ed03))
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        let suffix = String((0..<20).map { _ in alphabet[Int(random.next() % 62)] })
        id = "gen-\(created)-\(suffix)"
    }

    func object(_ kind: String, _ members: [String: JSONValue]) -> JSONValue {
        var all = members
        all["id"] = .string(id)
        all["provider"] = .string(Self.provider)
        all["model"] = .string(model)
        all["object"] = .string(kind)
        all["created"] = .number(Double(created))
        return .object(all)
    }
}
