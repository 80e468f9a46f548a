import AthanorCore

/// What `replay SESSION --offline --with FILE` runs a script against: every answer the session
/// stored (served by point key and request, as often as asked) and the data files it read.
struct ScriptReplay: Sendable {
    var sessionID: Int64
    var answers: StoredResponseProvider
    var dataFiles: DataFiles

    static func load(session id: Int64, from store: any RunStore) async throws -> ScriptReplay {
        guard try await store.session(id: id) != nil else { throw InspectionError.noSession(id) }
        var results: [ResultValue] = []
        for cell in try await store.cells(sessionID: id) {
            for runID in cell.runIDs { results += try await StoredRuns.results(runID, from: store) }
        }
        let answers = StoredResponseProvider()
        answers.loadSession(id, results: results)
        let files = try await store.dataFiles(sessionID: id)
        return ScriptReplay(
            sessionID: id, answers: answers, dataFiles: DataFiles(replaying: .init(sessionID: id, files: files)))
    }
}
