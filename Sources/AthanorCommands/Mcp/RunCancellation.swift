import AthanorCore

/// `cancel_run`: stops a run this server started, by cancelling its script's task (as Ctrl-C does
/// for `athanor run`): requests in flight are cancelled and the run is stored `cancelled` with what
/// finished. A run is only ever sent by the process that holds its lock; another process's run is
/// stopped in that process, and the answer says so.
struct RunCancellation: Sendable {
    let store: @Sendable () async throws -> any RunStore
    let registry: McpRunRegistry

    func cancel(_ arguments: McpArguments) async throws -> JSONValue {
        let id = try arguments.runID()
        let store = try await store()
        let run = try await RunBrowsingTools.run(id, in: store)
        guard run.status == .running || run.status == .pending else {
            throw McpToolError.failed("run \(id) is \(run.status.rawValue) already; there is nothing to cancel")
        }
        guard let session = run.sessionID, await registry.cancel(session: session) else {
            throw McpToolError.failed(
                "run \(id) is run by another process (athanor run, a notebook or a worker), not by this server: "
                    + "stop it there with Ctrl-C or SIGTERM; cancel_run stops only the runs this server started")
        }
        let ended = try await store.run(id: id) ?? run
        return [
            "run": .number(Double(id)), "cancelled": .bool(ended.status == .cancelled),
            "status": .string(ended.status.rawValue), "totals": ended.totals.jsonValue,
        ]
    }
}
