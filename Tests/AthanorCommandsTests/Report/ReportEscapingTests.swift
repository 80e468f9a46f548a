import Foundation
import Testing

@testable import AthanorCommands
@testable import AthanorCore

/// Everything from the database is text in the report, wherever it goes: element content,
/// attributes, and the JSON data the page renders from.
@Suite struct ReportEscapingTests {
    @Test func htmlTextEscapesMarkupAndQuotes() {
        #expect(
            HTMLText.escape("<script>alert('x') & \"y\"</script>")
                == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(HTMLText.escape("plain ✓") == "plain ✓")
    }

    @Test func aRowsJSONCannotCloseItsScriptElement() throws {
        let token = "</script><script>alert(1)</script><!--"
        let result = ResultValue(
            key: "k", label: "word=<b>", index: 0, modelName: "<i>m</i>", modelID: "x/y",
            variables: Record([.init("word", .string("<b>bold</b>"))]), parameters: ModelParameters(),
            repeatIndex: 0,
            turns: [
                .init(
                    modelName: "m",
                    request: CompletionRequest(model: "x/y", messages: [], parameters: ModelParameters()),
                    completion: Completion(
                        text: token,
                        tokens: [
                            TokenLogprob(
                                token: token, logprob: -0.1,
                                top: [.init(token: token, logprob: -0.1), .init(token: "<!--", logprob: -2.5)])
                        ]))
            ], error: nil)
        let row = ResultRows(variableSets: [["word"]]).row(result)
        #expect(!row.contains("<"), "every < is \\u003c: \(row)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [Any])
        #expect(parsed[1] as? String == "<i>m</i>")
        #expect(parsed[3] as? String == "<b>bold</b>")
        let answer = try #require(parsed[5] as? [[Any]])
        #expect(answer.first?[0] as? String == token)
        #expect(answer.first?.count == 6, "the token, its −logprob, then two alternatives with theirs")
        #expect(answer.first?[4] as? String == "<!--")
    }

    @Test func theTableHeaderEscapesVariableNames() {
        let table = ResultRows(variableSets: [["<x>"]]).table
        #expect(table.contains("&lt;x&gt;"))
        #expect(!table.contains("<x>"))
    }

    @Test(arguments: [
        (-0.0, "0"), (-0.09, "0.09"), (-2.3, "2.3"), (-3.0, "3"), (-0.105, "0.11"), (-0.00001, "0"),
        (-Double.infinity, "99"), (Double.nan, "99"), (-150.0, "99"), (0.2, "0"),
    ])
    func logprobsAreWrittenWithTwoDecimals(logprob: Double, text: String) {
        #expect(CompactTokens.negativeLogprob(logprob) == text)
    }

    @Test func assertionOutcomesEscapeTheirSourceAndFailingRows() {
        let outcome = StoredResult(
            key: "a",
            value: [
                "assertion": "assert s: output == \"<b>\"", "holds": false, "passed": 1, "considered": 2,
                "quantifier": "all", "failing": [["key": "k1", "output": "<script>x</script>"]],
            ])
        let html = AssertionOutcomes.html([outcome])
        #expect(html.contains("✗ failed"))
        #expect(html.contains("1 of 2 passed (needs all)"))
        #expect(html.contains("<td>&lt;script&gt;x&lt;/script&gt;</td>"))
        #expect(html.contains("<th>key</th><th>output</th>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
    }

    @Test func assertionOutcomesShowTheirFirstErrorsEscaped() {
        let outcome = StoredResult(
            key: "a",
            value: [
                "assertion": "assert s: json(output).a == 1", "holds": false, "passed": 0, "considered": 5,
                "quantifier": "all", "errors": 5,
                "first_errors": [
                    ["point": "model=m;x=<i>", "error": "json: not valid JSON <here>"],
                    ["point": "model=m;x=2", "error": "json: not valid JSON"],
                ],
            ])
        let html = AssertionOutcomes.html([outcome])
        #expect(html.contains("5 raised errors"))
        #expect(html.contains("<li>error at <code>model=m;x=&lt;i&gt;</code>: json: not valid JSON &lt;here&gt;</li>"))
        #expect(html.contains("<li>and 3 more</li>"))
        #expect(!html.contains("<i>"))
    }
}
