import AthanorTestSupport
import Dispatch
import Foundation
import PostgresStore
import Testing

@Suite struct ConnectionTests {
    @Test func boundParametersRoundTripLiterally() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        let evil = "'; drop table x; -- \"quoted\" \\ ünïcödé 🧪"
        let result = try connection.execute("SELECT \(evil)::text AS echoed, \(Int64?.none)::bigint AS nothing")
        #expect(result.columns == ["echoed", "nothing"])
        #expect(result.rows == [[evil, nil]])
    }

    @Test func serverErrorsAreTypedAndCarrySQLNotValues() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        try connection.execute("CREATE TABLE t (k text PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES (\("secret-value"))")
        let error = #expect(throws: DatabaseError.self) {
            try connection.execute("INSERT INTO t VALUES (\("secret-value"))")
        }
        #expect(error?.code == .uniqueViolation)
        #expect(error?.sqlState == "23505")
        #expect(error?.sql == "INSERT INTO t VALUES ($1)")
        #expect(error.map { "\($0)\($0.debugDescription)".contains("secret-value") } == false)

        let syntax = #expect(throws: DatabaseError.self) { try connection.execute("SELEC 1") }
        #expect(syntax?.code == .queryFailed)
        #expect(syntax?.sqlState == "42601")
    }

    @Test func badConnectionStringFailsWithConnectionFailed() {
        let error = #expect(throws: DatabaseError.self) {
            _ = try Connection(conninfo: "postgresql:///nope?host=/nonexistent-athanor-socket&port=1")
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test func terminatedBackendIsReconnectedAndTheNextStatementSucceeds() async throws {
        let database = try await TemporaryDatabase.create()
        let connection = try database.connect()
        let killer = try database.connect()
        try connection.execute("CREATE TABLE t (v text)")
        let oldPID = connection.backendPID
        try killer.execute("SELECT pg_terminate_backend(\(Int64(oldPID)))")
        try await Task.sleep(for: .milliseconds(100))
        try connection.execute("INSERT INTO t VALUES (\("after"))")
        #expect(connection.backendPID != oldPID)
        #expect(try connection.execute("SELECT v FROM t").rows == [["after"]])
    }

    @Test func noticesAreSilencedAndScriptsRunSeveralStatements() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        try connection.executeScript("DROP TABLE IF EXISTS missing; CREATE TABLE a (x int); INSERT INTO a VALUES (1)")
        #expect(try connection.execute("SELECT count(*) FROM a").scalar == "1")
    }

    @Test func transactionRollsBackWhenTheBodyThrows() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        try connection.execute("CREATE TABLE a (x int)")
        #expect(throws: DatabaseError.self) {
            try connection.transaction { () throws(DatabaseError) in
                try connection.execute("INSERT INTO a VALUES (1)")
                try connection.execute("SELECT 1/0")
            }
        }
        #expect(try connection.execute("SELECT count(*) FROM a").scalar == "0")
    }

    @Test func cancelTokenStopsARunningStatement() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        let token = try #require(connection.makeCancelToken())
        // From a dispatch queue, not a task: this test blocks a cooperative thread in libpq, and the
        // other one may be just as blocked by a parallel test.
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { token.cancel() }
        let started = Date()
        let error = #expect(throws: DatabaseError.self) { try connection.execute("SELECT pg_sleep(5)") }
        #expect(error?.code == .cancelled)
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(try connection.execute("SELECT 1").scalar == "1")
    }
}
