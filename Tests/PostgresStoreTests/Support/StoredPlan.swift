import AthanorCore
import AthanorTestSupport
import PostgresStore

/// A fresh database with one run whose plan of `count` points (one user message each) is stored.
func runWithStoredPlan(points count: Int, label: (Int) -> String = { "n=\($0)" }) async throws
    -> (PostgresRunStore, TemporaryDatabase, runID: Int64)
{
    let database = try await TemporaryDatabase.create()
    let store = try await PostgresRunStore.open(location: database.location)
    let instanceID = try await store.createInstance(NewInstance(name: "s", definition: [:]))
    let runID = try await store.startRun(NewRun(instanceID: instanceID))
    let model = ModelHandle(name: "m", id: "p/m", parameters: ModelParameters())
    let points = (0..<count).map { i in
        PlanPoint(
            identity: PointIdentity(coordinates: ["n": .number(Double(i))], label: label(i)), index: i,
            variables: Record([.init("n", .number(Double(i)))]), repeatIndex: 0,
            turns: [
                PlannedTurn(
                    model: model, parameters: ModelParameters(),
                    messages: [ChatMessage(role: .user, content: "Say \(i)\nand a line")])
            ])
    }
    try await store.storePlan(runID: runID, points: PlanPoints(points))
    return (store, database, runID)
}
