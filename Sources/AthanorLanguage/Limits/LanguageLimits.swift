/// Every limit a script meets, in one place: how deep its expressions and values may nest, how
/// many problems one file reports, how long one regular expression may run, how many numbers
/// `range` makes.
///
/// Each limit protects the process rather than the user's intent: past it, the input is almost
/// certainly generated or hostile, and going on would exhaust the stack (a crash), memory, or time.
/// Exceeding one is a located error, never a crash or a hang. `all` lists them as data, for the
/// documentation's table.
public enum LanguageLimits {
    /// How deeply brackets, `-`, `not` and `if` may nest inside one another: the parser's own
    /// recursion, one call chain per level.
    ///
    /// Measured on Linux x86-64, debug build: about 27 KB of stack per level of brackets (14 calls
    /// of the descent per level), so 64 levels need 1.7 MB, well within the 8 MB the main thread
    /// and the concurrency pool's threads have there. Release frames are several times smaller, but
    /// macOS gives pool threads only 512 KB, hence a modest number. No hand-written script nests
    /// brackets anywhere near 64 deep.
    public static let nestingDepth = 64

    /// How deep one expression's tree may be: every operator, `.field`, `[index]`, call, list and
    /// record adds a level, so `1 + 1 + … + 1` of 300 terms is 300 levels deep even though the
    /// parser reads it in a loop.
    ///
    /// The name check and the evaluator walk trees recursively, and Swift frees a tree
    /// recursively too; a chain of about 30,000 terms overflowed the stack. Measured (debug, Linux):
    /// checking and evaluating a chain costs about 2 KB of stack per level, so 256 levels run in
    /// a 512 KB–1 MB stack.
    public static let expressionDepth = 256

    /// How deeply a value built while a script runs may nest (`[[[…]]]`, records in records, a
    /// prompt's arguments): `let x = [x]` repeated builds one level per line.
    ///
    /// Equality, hashing, printing, JSON and freeing all recurse over a value. 512 is also the
    /// depth `json()` and stored variables accept (`JSONParser.maximumDepth`), so any value read
    /// back from JSON can be used.
    public static let valueDepth = 512

    /// How many parts a value built while a script runs may have, a part used twice counting
    /// twice (every list item, record field and prompt argument, at every level).
    ///
    /// `let x = [x, x]` repeated stores one list per line but doubles what printing, comparing or
    /// writing the value visits; 40 lines make 2^40 parts. Ten million parts print in seconds;
    /// `range()` makes at most one million numbers.
    public static let valueParts = 10_000_000

    /// How many errors one file reports before the rest are only counted ("and 40 more errors").
    /// A CSV file passed as a script has an error on every line; a screenful of them is enough to
    /// see what is wrong.
    public static let diagnosticsPerFile = 100

    /// How long one `matches()` may search, in milliseconds. Backtracking patterns such as `(a+)+$`
    /// take time exponential in the text's length (13 s on 41 characters); an ordinary pattern over
    /// a model's answer takes microseconds.
    public static let regexMilliseconds = 250

    /// The longest pattern `matches()` accepts, in characters.
    public static let regexPatternLength = 1_000

    /// The most numbers `range()` makes; larger ranges are almost certainly a typo and would
    /// exhaust memory.
    public static let rangeCount = 1_000_000

    /// One limit, described for people.
    public struct Limit: Sendable, Hashable {
        /// What is limited, e.g. "expression depth".
        public var name: String
        /// The limit with its unit, e.g. "256 levels".
        public var value: String
        /// What happens past it.
        public var whenExceeded: String
    }

    /// Every limit above, for the documentation's table.
    public static let all: [Limit] = [
        Limit(
            name: "bracket nesting", value: "\(nestingDepth) levels",
            whenExceeded: "parse error where the limit is passed: \"expression is nested too deeply\""),
        Limit(
            name: "expression depth (operators, fields, indexes, calls)", value: "\(expressionDepth) levels",
            whenExceeded: "parse error at the operator that passes it: \"expression is nested too deeply\""),
        Limit(
            name: "value depth", value: "\(valueDepth) levels",
            whenExceeded: "runtime error where the value is built: \"a value may nest at most \(valueDepth) levels\""),
        Limit(
            name: "value size", value: "\(valueParts) parts",
            whenExceeded: "runtime error where the value is built: \"a value may have at most \(valueParts) parts\""),
        Limit(
            name: "errors reported per file", value: "\(diagnosticsPerFile)",
            whenExceeded: "the rest are counted in a last line: \"and N more errors\""),
        Limit(
            name: "matches() search time", value: "\(regexMilliseconds) ms",
            whenExceeded:
                "runtime error at the call: \"the pattern '…' took longer than \(regexMilliseconds) ms on a text of N characters\""
        ),
        Limit(
            name: "matches() pattern length", value: "\(regexPatternLength) characters",
            whenExceeded: "runtime error at the pattern: \"a pattern may be at most \(regexPatternLength) characters\""),
        Limit(
            name: "range() size", value: "\(rangeCount) numbers",
            whenExceeded: "runtime error at the call: \"range(a, b) is too large (at most \(rangeCount) numbers)\""),
        Limit(
            name: "number literal", value: "finite (about 1.8e308)",
            whenExceeded: "parse error at the literal: \"number is too large\""),
        Limit(
            name: "script encoding", value: "UTF-8",
            whenExceeded: "error at the first invalid byte: \"the file is not valid UTF-8\""),
    ]
}
