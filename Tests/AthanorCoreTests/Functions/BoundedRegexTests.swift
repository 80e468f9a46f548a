import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// `matches()` ends a runaway search at its deadline (on Linux too) instead of hanging.
@Suite struct BoundedRegexTests {
    static let runaway = "matches(\"" + String(repeating: "a", count: 40) + "b\", \"(a+)+$\")"

    @Test func aCatastrophicPatternStopsAtTheDeadline() throws {
        let regex = try NSRegularExpression(pattern: "(a+)+$")
        let text = String(repeating: "a", count: 40) + "b"
        var outcome = BoundedRegex.Outcome.found(false)
        let elapsed = ContinuousClock().measure {
            outcome = BoundedRegex.firstMatch(of: regex, in: text, budget: .milliseconds(100))
        }
        #expect(outcome == .timedOut)
        #expect(elapsed < .seconds(2))
    }

    @Test func ordinaryPatternsStillMatch() throws {
        let regex = try NSRegularExpression(pattern: "^Par[a-z]+$")
        #expect(BoundedRegex.firstMatch(of: regex, in: "Paris", budget: .seconds(1)) == .found(true))
        #expect(BoundedRegex.firstMatch(of: regex, in: "Lyon", budget: .seconds(1)) == .found(false))
    }

    @Test func theScriptGetsALocatedErrorNamingThePattern() async throws {
        let diagnostic = try #require(try await PlanningHarness("let m = " + Self.runaway).run())
        #expect(
            diagnostic.message
                == "the pattern '(a+)+$' took longer than \(LanguageLimits.regexMilliseconds) ms on a text of 41 characters"
        )
        #expect(diagnostic.range.start.column == 9)
    }

    @Test func anOverlongPatternIsRefused() async throws {
        let pattern = String(repeating: "a", count: LanguageLimits.regexPatternLength + 1)
        let diagnostic = try #require(try await PlanningHarness("let m = matches(\"a\", \"\(pattern)\")").run())
        #expect(
            diagnostic.message
                == "a pattern may be at most \(LanguageLimits.regexPatternLength) characters, this one has \(pattern.count)"
        )
    }
}
