import AthanorLanguage
import Foundation
import Testing

@testable import AthanorCore

/// Scripts that build deep or large things while they run: each ends normally or in a located
/// script error, never a crash or a hang. `ATHANOR_FUZZ_ITERATIONS=N` tries N scripts (by default
/// a dozen, so the suite stays fast); sizes sweep from small to far past every limit.
@Suite struct EvaluatorFuzzTests {
    static let iterations =
        ProcessInfo.processInfo.environment["ATHANOR_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(0, $0) } ?? 12

    /// The `index`-th script: a shape, and a size that grows with the index and wraps.
    static func script(_ index: Int) -> String {
        // Sizes spread over 1...2 × valueDepth, a different one for every index.
        let size = 1 + (index &* 7919) % (2 * LanguageLimits.valueDepth)
        switch index % 6 {
        case 0: return "let x = 1\n" + String(repeating: "let x = [x, x]\n", count: size) + "let same = x == x\n"
        case 1:
            return "let x = null\n" + String(repeating: "let x = {a: x, b: 1}\n", count: size) + "let t = \"{{x}}\"\n"
        case 2:
            return "prompt p = \"{{a}}\"\nlet x = 1\n" + String(repeating: "let x = p(a: x)\n", count: size)
                + "let n = len([x])\n"
        case 3:
            let depth = min(size, LanguageLimits.expressionDepth)
            return "let x = " + Array(repeating: "1", count: depth).joined(separator: " - ") + "\n"
        case 4:
            let text = String(repeating: "ab", count: size % 40 + 10) + "c"
            return "let m = matches(\"\(text)\", \"(a|ab|b)*$\")\nlet n = matches(\"\(text)\", \"(x+x+)+y\")\n"
        default:
            return "let r = range(\(size % 3 == 0 ? "log(0 - 1)" : "exp(\(size))"))\n"
        }
    }

    @Test func deepAndLargeRuntimeValues() async throws {
        for index in 0..<Self.iterations {
            let text = Self.script(index)
            let clock = ContinuousClock()
            let start = clock.now
            let diagnostic = try await PlanningHarness(text).run()
            if let diagnostic {
                #expect(diagnostic.range.start.line >= 1, "\(diagnostic) in script \(index)")
            }
            #expect(clock.now - start < .seconds(30), "script \(index)")
        }
    }
}
