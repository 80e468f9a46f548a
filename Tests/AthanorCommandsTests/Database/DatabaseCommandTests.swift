import AthanorMigrations
import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

@Suite struct DatabaseCommandTests {
    @Test func aBinaryCopiedAwayFromTheSourceTreeStillMigrates() async throws {
        let bench = try await Workbench.start()
        let away = bench.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: away, withIntermediateDirectories: true)
        let copy = away.appendingPathComponent("athanor")
        try FileManager.default.copyItem(at: try BuiltProduct.url("athanor"), to: copy)
        let migrated = try await AthanorProcess.run(
            ["db", "migrate"], environment: bench.environment, directory: away, executable: copy)
        #expect(migrated.status == 0, "\(migrated.standardError)")
        #expect(migrated.standardOutput.contains("v0001_initial"))
        #expect(migrated.standardOutput.contains("v0002_response_cache"))
        #expect(migrated.standardOutput.contains("v0003_lz4_results"))
        #expect(migrated.standardOutput.contains("v0006_results_plan_order"))
        #expect(try bench.scalar("select count(*) from schema_migrations") == String(Migrations.all.count))

        let again = try await bench.athanor("db", "migrate")
        #expect(again.standardOutput.contains("up to date"))
    }

    /// Every command that opens the store says the one sentence, once, and exits 3, touching nothing.
    @Test func aDatabaseMigratedByANewerAthanorIsRefusedWithExitThree() async throws {
        let bench = try await Workbench.start()
        #expect(try await bench.athanor("db", "migrate").status == 0)
        _ = try bench.query("insert into schema_migrations (version) values ('v9999_from_the_future')")
        let newest = try #require(Migrator().migrations.map(\.version).max())
        let sentence =
            "athanor: this database's schema is at version v9999_from_the_future, newer than this athanor knows "
            + "(up to \(newest)); use a newer athanor, or another database\n"
        let script = try bench.script("hello.ath", "print(\"hi\")\n")
        let commands = [
            ["runs"], ["sessions"], ["show", "1"], ["export", "1"], ["watch", "1"], ["replay", "1", "--offline"],
            ["run", script], ["db", "migrate"], [],
        ]
        for arguments in commands {
            let result = try await AthanorProcess.run(
                arguments, environment: bench.environment, directory: bench.home)
            #expect(result.status == 3, "athanor \(arguments)")
            #expect(result.standardError == sentence, "athanor \(arguments)")
        }
        #expect(try bench.scalar("select count(*) from sessions") == "0")
    }

    @Test func statusNamesTheDatabaseWithoutItsPassword() async throws {
        let bench = try await Workbench.start()
        let result = try await bench.athanor(
            "db", "status", environment: ["DATABASE_URL": "postgresql://someone:hunter2@127.0.0.1:1/x"])
        #expect(result.status == 3, "nothing answers on port 1")
        #expect(result.standardOutput.contains("127.0.0.1"))
        #expect(result.standardError.contains("nothing answers there"), "\(result.standardError)")
        #expect(!result.standardOutput.contains("hunter2") && !result.standardError.contains("hunter2"))
        for conninfo in [
            "postgresql://someone@127.0.0.1:1/x?password=hunter2", "host=127.0.0.1 port=1 password=hunter2",
        ] {
            let shown = try await bench.athanor("db", "status", environment: ["DATABASE_URL": conninfo])
            #expect(shown.standardOutput.contains("127.0.0.1"))
            #expect(!shown.standardOutput.contains("hunter2") && !shown.standardError.contains("hunter2"))
        }
    }

    @Test func statusSaysTheServersVersionAndHowFarItsSchemaIs() async throws {
        let bench = try await Workbench.start()
        let fresh = try await bench.athanor("db", "status")
        #expect(fresh.status == 0, "\(fresh.standardError)")
        #expect(fresh.standardOutput.contains("server: PostgreSQL 1"), "\(fresh.standardOutput)")
        #expect(fresh.standardOutput.contains("schema: not created yet"), "\(fresh.standardOutput)")
        #expect(try bench.scalar("select to_regclass('schema_migrations') is null") == "t", "status migrates nothing")

        #expect(try await bench.athanor("db", "migrate").status == 0)
        let newest = try #require(Migrations.all.last?.version)
        let current = try await bench.athanor("db", "status")
        #expect(current.standardOutput.contains("schema: \(newest) (up to date)"), "\(current.standardOutput)")

        _ = try bench.query("delete from schema_migrations where version = '\(newest)'")
        let behind = try await bench.athanor("db", "status")
        #expect(behind.standardOutput.contains("1 migration to apply"), "\(behind.standardOutput)")
    }
}
