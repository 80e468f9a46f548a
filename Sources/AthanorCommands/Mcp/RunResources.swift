import AthanorCore
import MCP

/// The resources: each stored run as `athanor://run/ID`, a JSON document of the run (definition,
/// status, totals) and its first results, the same document as `show_run`'s first page.
struct RunResources: Sendable {
    static let scheme = "athanor://run/"
    /// Runs `resources/list` names, newest first.
    static let listed = 50
    /// Results a read includes, in plan order (`show_run` pages through the rest).
    static let resultsPerRead = 100

    let browsing: RunBrowsingTools

    static let template = Resource.Template(
        uriTemplate: scheme + "{id}", name: "run", title: "A stored run",
        description: "A run's definition, status, totals and first \(resultsPerRead) results, as JSON.",
        mimeType: "application/json")

    func list() async throws -> [Resource] {
        try await browsing.store().recentRuns(limit: Self.listed).map { run in
            Resource(
                name: "run \(run.id)", uri: Self.scheme + "\(run.id)", title: "run \(run.id) · \(run.instanceName)",
                description: "\(run.instanceName), \(run.status.rawValue), \(run.totals.points) "
                    + (run.totals.points == 1 ? "point" : "points"),
                mimeType: "application/json")
        }
    }

    func read(_ uri: String) async throws -> Resource.Content {
        guard uri.hasPrefix(Self.scheme), let id = Int64(uri.dropFirst(Self.scheme.count)), id > 0 else {
            throw McpToolError.invalid("'\(uri)' is not a resource of this server; its resources are \(Self.scheme)ID")
        }
        let arguments = try McpArguments(
            tool: "resources/read", values: ["run": .int(Int(id)), "page_size": .int(Self.resultsPerRead)],
            accepted: ["run", "page_size"])
        return .text(try await browsing.showRun(arguments).serialized(), uri: uri, mimeType: "application/json")
    }
}
