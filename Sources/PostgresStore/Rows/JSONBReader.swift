import AthanorCore
import Foundation

/// Turns jsonb text from PostgreSQL back into a `JSONValue`.
///
/// Lives here, internal, rather than as a general parser in AthanorCore (another one is being written
/// there); jsonb output is always valid JSON, so Foundation's decoder is enough. `JSONDecoder` is
/// used rather than `JSONSerialization` because it keeps `true` and `1` apart on Linux.
enum JSONBReader {
    static func read(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(Node.self, from: Data(text.utf8)).value
    }

    private struct Node: Decodable {
        let value: JSONValue

        init(from decoder: any Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [JSONValue] = []
                while !array.isAtEnd { items.append(try array.decode(Node.self).value) }
                value = .array(items)
                return
            }
            if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [String: JSONValue] = [:]
                for key in object.allKeys { members[key.stringValue] = try object.decode(Node.self, forKey: key).value }
                value = .object(members)
                return
            }
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let bool = try? single.decode(Bool.self) {
                value = .bool(bool)
            } else if let number = try? single.decode(Double.self) {
                value = .number(number)
            } else {
                value = .string(try single.decode(String.self))
            }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
