import AthanorCore
import Foundation

/// Reading JSON through Foundation's `JSONSerialization` into `JSONValue`.
///
/// What the simulator read every request body with before `RequestJSON`; it still reads the
/// scenario file, and the request bodies on which AthanorCore's parser might judge differently.
extension JSONValue {
    init?(jsonData data: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return nil
        }
        self.init(foundation: object)
    }

    init(foundation object: Any) {
        switch object {
        case let number as NSNumber:
            // JSONSerialization marks booleans with the Objective-C type code "c".
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let dictionary as [String: Any]: self = .object(dictionary.mapValues(JSONValue.init(foundation:)))
        default: self = .null
        }
    }
}
