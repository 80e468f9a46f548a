import AthanorLanguage
import Foundation

/// `matches()`'s search, with a deadline: backtracking patterns such as `(a+)+$` take time
/// exponential in the text's length, and NSRegularExpression has no time limit of its own.
///
/// With `.reportProgress` the matcher calls back now and then while it searches (on Linux too:
/// swift-corelibs-foundation passes ICU a match callback), and setting `stop` there ends the
/// search, so a runaway pattern is abandoned at the deadline rather than left running.
enum BoundedRegex {
    enum Outcome: Equatable {
        case found(Bool)
        case timedOut
    }

    /// Whether `regex` matches somewhere in `text`, or `.timedOut` past `budget`.
    static func firstMatch(of regex: NSRegularExpression, in text: String, budget: Duration) -> Outcome {
        let deadline = ContinuousClock.now + budget
        var outcome = Outcome.found(false)
        regex.enumerateMatches(in: text, options: [.reportProgress], range: NSRange(text.startIndex..., in: text)) {
            result, _, stop in
            if result != nil {
                outcome = .found(true)
                stop.pointee = true
            } else if ContinuousClock.now > deadline {
                outcome = .timedOut
                stop.pointee = true
            }
        }
        return outcome
    }

    /// `matches(text, pattern)` as the language defines it: an invalid, overlong or runaway pattern
    /// is an error at the call, never a hang.
    static func matches(_ text: String, _ pattern: String, patternRange: SourceRange, callRange: SourceRange)
        throws(Diagnostic) -> Bool
    {
        let longest = LanguageLimits.regexPatternLength
        guard pattern.count <= longest else {
            throw Diagnostic(
                .error, "a pattern may be at most \(longest) characters, this one has \(pattern.count)",
                at: patternRange)
        }
        guard let regex = try? NSRegularExpression(pattern: pattern) else {
            throw Diagnostic(.error, "'\(pattern)' is not a valid regular expression", at: patternRange)
        }
        let milliseconds = LanguageLimits.regexMilliseconds
        switch firstMatch(of: regex, in: text, budget: .milliseconds(milliseconds)) {
        case .found(let found): return found
        case .timedOut:
            throw Diagnostic(
                .error,
                "the pattern '\(pattern)' took longer than \(milliseconds) ms on a text of \(text.count) characters",
                at: callRange, notes: ["nested repetition such as (a+)+ backtracks; simplify the pattern"])
        }
    }
}
