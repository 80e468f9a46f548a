/// Writes token logprobs straight to JSON bytes, the bulk of every body.
///
/// With 20 alternatives a body holds about a hundred small objects; building them as
/// `JSONValue` dictionaries and serializing (sorted keys) would cost more than everything else
/// the simulator does per request, and so would appending them to a `String`. Keys come out in
/// OpenAI's wire order: token, logprob, bytes. A logprob is written as Swift's `description`
/// (always with a fraction or an exponent), a token's UTF-8 bytes as decimal integers.
enum LogprobsWriter {
    /// `{"content": [...], "refusal": null}`.
    static func logprobs(_ tokens: [GeneratedToken], into out: inout BodyBytes) {
        out.append("{\"content\":[")
        for (index, token) in tokens.enumerated() {
            if index > 0 { out.append(",") }
            members(token.token, token.logprob, into: &out)
            out.append(",\"top_logprobs\":[")
            for (rank, alternative) in token.topLogprobs.enumerated() {
                if rank > 0 { out.append(",") }
                members(alternative.token, alternative.logprob, into: &out)
                out.append("}")
            }
            out.append("]}")
        }
        out.append("],\"refusal\":null}")
    }

    /// `{"token":…,"logprob":…,"bytes":[…]` without the closing brace.
    ///
    /// There are a hundred of these per body, so each is put together in a stack buffer and
    /// appended once; a token that needs escaping takes `BodyBytes`' ordinary appends instead.
    private static func members(_ token: String, _ logprob: Double, into out: inout BodyBytes) {
        var token = token
        var logprobText = logprob.description  // Always finite here: no probability listed is zero.
        token.withUTF8 { tokenBytes in
            logprobText.withUTF8 { logprobBytes in
                guard tokenBytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
                else {
                    return slowMembers(tokenBytes, logprobBytes, into: &out)
                }
                // Fixed text, the token, the logprob, and at most four bytes ("255,") per token byte.
                let capacity = 48 + tokenBytes.count * 5 + logprobBytes.count
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                    var count = 0
                    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                        _ = UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(from: bytes)
                        count += bytes.count
                    }
                    func put(_ text: StaticString) {
                        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
                    }
                    func put(_ byte: UInt8) {
                        buffer.initializeElement(at: count, to: byte)
                        count += 1
                    }
                    put("{\"token\":\"")
                    put(tokenBytes)
                    put("\",\"logprob\":")
                    put(logprobBytes)
                    put(",\"bytes\":[")
                    for (index, byte) in tokenBytes.enumerated() {
                        if index > 0 { put(UInt8(ascii: ",")) }
                        if byte >= 100 { put(UInt8(ascii: "0") + byte / 100) }
                        if byte >= 10 { put(UInt8(ascii: "0") + byte / 10 % 10) }
                        put(UInt8(ascii: "0") + byte % 10)
                    }
                    put(UInt8(ascii: "]"))
                    out.append(UnsafeBufferPointer(rebasing: buffer[..<count]))
                    buffer.baseAddress!.deinitialize(count: count)
                }
            }
        }
    }

    /// `members` through ordinary appends, for tokens that need escaping.
    private static func slowMembers(
        _ token: UnsafeBufferPointer<UInt8>, _ logprob: UnsafeBufferPointer<UInt8>, into out: inout BodyBytes
    ) {
        out.append("{\"token\":")
        out.appendQuoted(String(decoding: token, as: UTF8.self))
        out.append(",\"logprob\":")
        out.append(logprob)
        out.append(",\"bytes\":[")
        for (index, byte) in token.enumerated() {
            if index > 0 { out.append(",") }
            out.appendDecimal(byte)
        }
        out.append("]")
    }
}
