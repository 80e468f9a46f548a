import Foundation

/// The scripts this server is running for real, by session id: what `cancel_run` can stop (a run
/// belongs to the session its script started) and what the server stops when its client goes.
actor McpRunRegistry {
    private var running: [Int64: Task<Void, Never>] = [:]

    /// Starts the session's script as a task of its own, kept until it ends.
    func start(session: Int64, _ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        let task = Task {
            await body()
            self.remove(session: session)
        }
        running[session] = task
        return task
    }

    func remove(session: Int64) {
        running[session] = nil
    }

    /// Cancels the session's script and waits for it to record its end; false when this server
    /// is not running that session.
    func cancel(session: Int64) async -> Bool {
        guard let task = running[session] else { return false }
        task.cancel()
        await task.value
        return true
    }

    /// Cancels every script still running and waits for each to record its end.
    func cancelAll() async {
        let tasks = Array(running.values)
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
