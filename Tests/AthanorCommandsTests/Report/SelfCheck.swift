import Foundation

/// What a report found when it checked itself in the browser (`#selfcheck`, `ReportAssets`),
/// read from the `<pre id="selfcheck">` of its dumped DOM.
struct SelfCheck: Decodable {
    struct Histogram: Decodable {
        var title: String
        var bars: Int
        var expectedBars: Int
        var counted: Int
        var expectedTotal: Int
    }

    struct Scatter: Decodable {
        var points: Int
        var expectedPoints: Int
    }

    struct Table: Decodable {
        var rows: Int
        var rendered: Int
        var sortedAscending: Bool
        var secondPageRows: Int
        var filterModel: Int
        var filterNothing: Int
    }

    struct Milliseconds: Decodable {
        var scriptStarted: Int
        var ready: Int
    }

    var tokens: Int
    var alternativesOnFocus: Int?
    var alternativesOnHover: Int?
    var histograms: [Histogram]
    var scatters: [Scatter]
    var tables: [Table]
    var turns: Int
    var turnModels: [String]
    var assertions: Int
    var failingRows: Int
    var injected: Bool
    var errors: [String]
    var milliseconds: Milliseconds

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the findings out of a dumped DOM (where `&`, `<` and `>` of text are escaped).
    init(dom: String) throws {
        guard let start = dom.range(of: "<pre id=\"selfcheck\">"),
            let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
        else { throw Missing(description: "the page wrote no self-check: \(dom.prefix(500))") }
        let text = dom[start.upperBound..<end.lowerBound].replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        self = try JSONDecoder().decode(SelfCheck.self, from: Data(text.utf8))
    }
}
