import AthanorCore

/// Reads a stored run back as the language sees it (results in plan order, assertion rows left out).
enum StoredRuns {
    static func load(_ id: Int64, from store: any RunStore) async throws -> (StoredRun, RunValue) {
        guard let stored = try await store.run(id: id) else { throw InspectionError.noRun(id) }
        return (
            stored,
            RunValue(
                id: stored.id, name: stored.instanceName, status: stored.status, sessionID: stored.sessionID,
                results: try await results(id, from: store))
        )
    }

    static func results(_ id: Int64, from store: any RunStore) async throws -> [ResultValue] {
        try await store.results(runID: id)
            .map { ResultValue(key: $0.key, json: $0.value) }
            .sorted { $0.index < $1.index }
    }
}
