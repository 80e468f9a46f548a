/// Compact JSON text for a value (see `JSONWriter`). Non-finite numbers have no JSON form and
/// become `null`.
extension JSONValue {
    /// Standard JSON: a NUL inside a string is written as the escape `\u0000`.
    public func serialized() -> String {
        var writer = JSONWriter()
        writer.write(self)
        return writer.text
    }

    /// JSON that PostgreSQL accepts as jsonb, which rejects `\u0000`: a NUL inside a string is
    /// written as U+FFFD instead. (A token's raw `bytes` keep the truth.)
    public func serializedForJSONB() -> String {
        var writer = JSONWriter(replacingNUL: true, capacity: 256)
        writer.write(self)
        return writer.text
    }
}
