import AthanorCore
import Foundation

/// OpenRouter's `{"error": {...}}` object, read leniently (SPEC §4).
///
/// `code` may be a number, a string or missing; the upstream's real reason hides in
/// `metadata.raw`, which is a string, JSON inside a string, or an object; availability errors
/// carry `availability.retry_after` instead.
struct ErrorBody: Sendable {
    var numericCode: Int?
    var textCode: String?
    var message: String?
    /// The upstream's own words from `metadata.raw`, reduced to its message where possible.
    var raw: String?
    /// Moderation reasons (`metadata.reasons`).
    var reasons: [String]
    var providerName: String?
    var retryAfter: Double?
    var excludedByRequireParameters: Bool

    /// Reads `error` from a whole response body; nil when there is no error object.
    init?(body: JSONValue) {
        guard let error = body["error"] else { return nil }
        if let text = error.stringValue {
            self.init(message: text)
            return
        }
        guard error.objectValue != nil else { return nil }
        self.init(message: error["message"]?.stringValue)
        numericCode = error["code"]?.intValue ?? error["http_status"]?.intValue
        textCode = error["code"]?.stringValue ?? error["error_type"]?.stringValue
        let metadata = error["metadata"]
        raw = metadata?["raw"].flatMap(Self.describe)
        reasons = metadata?["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? []
        providerName = metadata?["provider_name"]?.stringValue
        let availability = error["availability"]
        retryAfter = availability?["retry_after"]?.doubleValue ?? metadata?["retry_after"]?.doubleValue
        excludedByRequireParameters =
            availability?["excluded_by"]?.arrayValue?.contains("require_parameters") ?? false
    }

    private init(message: String?) {
        self.message = message
        reasons = []
        excludedByRequireParameters = false
    }

    /// The most specific text available: the upstream's reason, else OpenRouter's message.
    var detail: String? {
        if let raw, !raw.isEmpty {
            guard let message, !message.isEmpty, message != "Provider returned error" else { return raw }
            return raw.contains(message) ? raw : "\(message): \(raw)"
        }
        return message
    }

    /// A message out of `metadata.raw` in any of its three shapes.
    private static func describe(_ raw: JSONValue) -> String? {
        switch raw {
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("{"), let nested = try? JSONValue.parse(trimmed) {
                return message(in: nested) ?? trimmed
            }
            return trimmed
        case .object:
            return message(in: raw) ?? raw.serialized()
        case .null:
            return nil
        default:
            return raw.serialized()
        }
    }

    /// `error.message`, `error` (as text) or `message` of an upstream's own error JSON.
    private static func message(in json: JSONValue) -> String? {
        json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue ?? json["message"]?.stringValue
            ?? json["detail"]?.stringValue
    }
}
