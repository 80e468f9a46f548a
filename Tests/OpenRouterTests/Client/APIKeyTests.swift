import AthanorCore
import Testing

@testable import OpenRouter

@Suite struct APIKeyTests {
    let secret = "sk-or-v1-0123456789abcdef"

    @Test func everyRenderingIsRedacted() throws {
        let key = try #require(APIKey(secret))
        var dumped = ""
        dump(key, to: &dumped)
        let configuration = OpenRouterConfiguration(apiKey: key)
        var dumpedConfiguration = ""
        dump(configuration, to: &dumpedConfiguration)
        let renderings = [
            "\(key)", String(describing: key), String(reflecting: key), dumped, "\(configuration)",
            String(reflecting: configuration), dumpedConfiguration, "\(Optional(key) as Any)",
        ]
        for text in renderings {
            #expect(!text.contains(secret), "leaked: \(text)")
            #expect(!text.contains("0123456789"))
        }
        #expect("\(key)" == "<redacted>")
        #expect(dumped.contains("<redacted>"))
    }

    @Test func theKeyEchoedWholeOrInPartIsRedactedAndAPrefixAloneIsNot() throws {
        let key = try #require(APIKey(secret))
        let cut = String(secret.dropLast(3))
        let echoed = "invalid key \(cut)… for user; and again: \(secret)."
        let redacted = key.redact(echoed)
        #expect(!redacted.contains("0123456789"), "\(redacted)")
        #expect(redacted == "invalid key <redacted>… for user; and again: <redacted>.")
        #expect(key.redact("keys look like sk-or-v1-…") == "keys look like sk-or-v1-…")
        let error = key.redact(ProviderError(code: .unauthorized, message: "bad key \(cut)"))
        #expect(error.message == "bad key <redacted>")
    }

    @Test func emptyOrBlankKeysAreNoKey() {
        #expect(APIKey("") == nil)
        #expect(APIKey("  \n") == nil)
        #expect(APIKey(" sk-x ") == APIKey("sk-x"))
    }
}
