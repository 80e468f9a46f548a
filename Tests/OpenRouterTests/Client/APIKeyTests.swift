import AthanorCore
import OpenRouter
import Testing

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

    @Test func emptyOrBlankKeysAreNoKey() {
        #expect(APIKey("") == nil)
        #expect(APIKey("  \n") == nil)
        #expect(APIKey(" sk-x ") == APIKey("sk-x"))
    }
}
