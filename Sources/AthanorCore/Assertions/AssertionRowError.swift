/// One row whose assertion condition raised an error: the point's label and the error's sentence.
public struct AssertionRowError: Sendable, Equatable {
    public var point: String
    public var message: String

    public init(point: String, message: String) {
        self.point = point
        self.message = message
    }

    public var jsonValue: JSONValue { ["point": .string(point), "error": .string(message)] }
}
