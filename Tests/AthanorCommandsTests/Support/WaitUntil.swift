import Testing

/// Polls `condition` every 20 ms until it holds; records an issue when it has not within `limit`.
func waitUntil(within limit: Duration = .seconds(20), _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("the condition did not hold within \(limit)")
}
