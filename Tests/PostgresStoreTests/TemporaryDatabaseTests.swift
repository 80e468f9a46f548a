import AthanorTestSupport
import PostgresStore
import Testing

@Suite struct TemporaryDatabaseTests {
    @Test func urlSwapsTheDatabaseNameOnly() {
        #expect(
            TemporaryDatabase.url("postgresql:///postgres?host=/tmp/s&port=5&user=u", database: "t1")
                == "postgresql:///t1?host=/tmp/s&port=5&user=u")
        #expect(TemporaryDatabase.url("postgres://u:p@h:5/db", database: "t1") == "postgres://u:p@h:5/t1")
        #expect(TemporaryDatabase.url("host=/tmp/s dbname=x", database: "t1") == "host=/tmp/s dbname=x dbname=t1")
    }

    @Test func createsDistinctDatabasesThatCanBeDropped() async throws {
        let a = try await TemporaryDatabase.create()
        let b = try await TemporaryDatabase.create()
        #expect(a.name != b.name)
        #expect(try a.connect().execute("SELECT current_database()").scalar == a.name)
        try a.drop()
        #expect(throws: (any Error).self) { try a.connect() }
    }
}
