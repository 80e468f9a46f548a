import AthanorMigrations
import AthanorTestSupport
import Testing

@testable import PostgresStore

@Suite struct MigratorTests {
    @Test func appliesEveryMigrationOnceAndRecordsIt() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        let all = Migrations.all.map(\.version)

        let first = try Migrator().migrate(connection)
        #expect(first == all)
        let second = try Migrator().migrate(connection)
        #expect(second.isEmpty)

        #expect(try Migrator().appliedVersions(connection) == all)
        let tables = try connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).rows.compactMap { $0[0] }
        #expect(
            tables == [
                "cells", "data_files", "experiment_instances", "experiment_runs", "request_budgets", "response_cache",
                "run_logs", "run_points", "run_results", "schema_migrations", "session_data_files", "sessions",
                "worker_runs", "workers",
            ])
        let views = try connection.execute("SELECT viewname FROM pg_views WHERE schemaname = 'public'").rows
            .compactMap { $0[0] }
        #expect(Set(views).isSuperset(of: ["results_flat", "result_tokens", "result_turns", "run_totals"]))
    }

    @Test func aCurrentSchemaIsCheckedWithoutWaitingForTheMigrationLock() async throws {
        let database = try await TemporaryDatabase.create()
        let connection = try database.connect()
        try Migrator().migrate(connection)
        // Another process holds the lock (as while it migrates); a current schema need not wait.
        let other = try database.connect()
        try other.execute("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        try connection.execute("SET statement_timeout = '2s'")
        #expect(try Migrator().migrate(connection).isEmpty)
        // A schema that is behind does wait for it (and here gives up after the timeout).
        let behind = Migrator(migrations: Migrator().migrations + [.init(version: "v9999_next", sql: "SELECT 1")])
        #expect(throws: DatabaseError.self) { try behind.migrate(connection) }
    }

    @Test func aSchemaNewerThanThisBinaryIsRefusedWithASentence() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        try Migrator().migrate(connection)
        try connection.execute("INSERT INTO schema_migrations (version) VALUES ('v9999_from_the_future')")
        let newest = try #require(Migrator().migrations.last?.version)
        #expect(throws: DatabaseError.self) { try Migrator().migrate(connection) }
        do {
            try Migrator().migrate(connection)
        } catch {
            #expect(error.code == .schemaTooNew)
            #expect(
                "\(error)"
                    == "this database's schema is at version v9999_from_the_future, newer than this athanor knows "
                    + "(up to \(newest)); use a newer athanor, or another database")
        }
        // An older binary's view of a schema that is merely behind still migrates (tested above).
    }

    @Test func largeValuesAreCompressedWithLZ4WhereTheServerHasIt() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        try Migrator().migrate(connection)
        let methods = try connection.execute(
            """
            SELECT attrelid::regclass::text || '.' || attname, attcompression::text FROM pg_attribute
            WHERE (attrelid, attname) IN (('run_results'::regclass, 'value'), ('response_cache'::regclass, 'response'),
                                          ('data_files'::regclass, 'content'))
            ORDER BY 1
            """
        ).rows
        // A server built without lz4 refuses to use it, and keeps its default (pglz, shown as '').
        let hasLZ4 = (try? connection.execute("SET default_toast_compression = 'lz4'")) != nil
        let method = hasLZ4 ? "l" : ""
        #expect(
            methods == [
                ["data_files.content", method], ["response_cache.response", method], ["run_results.value", method],
            ])
    }

    @Test func aFailingMigrationLeavesNoTraceAndIsNotRecorded() async throws {
        let connection = try await TemporaryDatabase.create().connect()
        let broken = Migrator.Step(version: "v9999_broken", sql: "CREATE TABLE half (x int); SELEC 1;")
        #expect(throws: DatabaseError.self) {
            try Migrator(migrations: [broken]).migrate(connection)
        }
        #expect(try Migrator().appliedVersions(connection).isEmpty)
        #expect(try connection.execute("SELECT to_regclass('half')").rows == [[nil]])
    }

    @Test func openingAStoreMigratesAutomatically() async throws {
        let database = try await TemporaryDatabase.create()
        let store = try await PostgresRunStore.open(location: database.location)
        #expect(store.appliedMigrations == Migrations.all.map(\.version))
        let again = try await PostgresRunStore.open(location: database.location)
        #expect(again.appliedMigrations.isEmpty)
    }
}
