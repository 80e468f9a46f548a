import AthanorCore
import Testing

@testable import AthanorSimulator

/// What is written by hand must be the bytes `JSONWriter` writes for the same value.
@Suite struct BodyBytesTests {
    static func written(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        return writer.bytes
    }

    @Test(arguments: ["", "Paris", " the", "say \"hi\"", "back\\slash", "tab\tnew\nline\u{0}\u{1F}\u{7F}", "café 😀"])
    func stringsAreQuotedAsJSONWriterQuotesThem(_ text: String) {
        var out = BodyBytes(capacity: 0)
        out.appendQuoted(text)
        #expect(out.bytes == Self.written(.string(text)))
    }

    @Test(arguments: [0, -0.0, 1, -7, 0.1, 1e-7, 1.5e300, 999_999_999_999_999, 1e15, -1e15, .infinity, .nan, 0.0000006])
    func numbersAreWrittenAsJSONWriterWritesThem(_ number: Double) {
        var out = BodyBytes(capacity: 0)
        out.append(number: number)
        #expect(out.bytes == Self.written(.number(number)))
    }

    @Test func bytesAreDecimal() {
        var out = BodyBytes(capacity: 0)
        for byte: UInt8 in [0, 9, 10, 99, 100, 255] {
            out.appendDecimal(byte)
            out.append(",")
        }
        #expect(out.text == "0,9,10,99,100,255,")
    }

    @Test(arguments: ModelCatalog.standard.models.map(\.id) + ["unknown/model"])
    func usageIsWrittenAsItsJSONValue(_ model: String) {
        let request = try! ChatRequest(json: [
            "model": .string(model), "messages": [["role": "user", "content": "Count to 17"]],
        ])
        let answer = AnswerGenerator(scenario: Scenario()).answer(request)
        let body = CompletionBody(
            envelope: CompletionEnvelope(model: model, fingerprint: 1, serial: 1, created: 0), answer: answer,
            pricing: ModelCatalog.standard.model(model), logprobsRequested: false, logprobsAvailable: false)
        var out = BodyBytes(capacity: 0)
        body.writeUsage(into: &out)
        #expect(out.bytes == Self.written(body.usage))
    }
}
