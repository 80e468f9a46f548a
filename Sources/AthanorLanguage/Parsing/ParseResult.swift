/// What parsing produced: the script as far as it could be read, and every problem found.
///
/// Parsing never fails outright; a script with diagnostics still has the statements that parsed,
/// so tools can show as much as they can.
public struct ParseResult: Sendable {
    public var script: Script
    public var diagnostics: [Diagnostic]

    public init(script: Script, diagnostics: [Diagnostic]) {
        self.script = script
        self.diagnostics = diagnostics
    }
}
