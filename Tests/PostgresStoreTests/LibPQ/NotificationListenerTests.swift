import AthanorTestSupport
import Foundation
import PostgresStore
import Testing

@Suite struct NotificationListenerTests {
    @Test func notificationsFromAnotherConnectionArriveInOrderOnlyForItsChannels() async throws {
        let database = try await TemporaryDatabase.create()
        let listener = try await NotificationListener.start(
            conninfo: database.url, channels: ["athanor_a", "athanor b"])
        let collector = NotificationCollector(listener)
        let sender = try database.connect()
        try sender.execute("SELECT pg_notify('athanor_a', \("one")), pg_notify('elsewhere', 'no')")
        try sender.execute("NOTIFY \"athanor b\", 'two'")
        try sender.execute("SELECT pg_notify('athanor_a', \("three"))")
        #expect(try await collector.wait { $0.payloads.count == 3 })
        #expect(collector.payloads == ["one", "two", "three"])
        let channels = collector.events.compactMap { event -> String? in
            if case .notification(let notification) = event { return notification.channel }
            return nil
        }
        #expect(channels == ["athanor_a", "athanor b", "athanor_a"])
    }

    @Test func aTerminatedListenerReconnectsListensAgainAndSaysSo() async throws {
        let database = try await TemporaryDatabase.create()
        let listener = try await NotificationListener.start(conninfo: database.url, channels: ["athanor_r"])
        let collector = NotificationCollector(listener)
        let admin = try database.connect()
        let terminated = try admin.execute(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'
            """)
        #expect(terminated.rows == [["t"]])
        #expect(try await collector.wait { $0.events.contains(.reconnected) })
        try admin.execute("SELECT pg_notify('athanor_r', 'after')")
        #expect(try await collector.wait { $0.payloads == ["after"] })
    }

    @Test func stoppingEndsTheStreamAndTheConnection() async throws {
        let database = try await TemporaryDatabase.create()
        let listener = try await NotificationListener.start(conninfo: database.url, channels: ["athanor_s"])
        let collector = NotificationCollector(listener)
        let admin = try database.connect()
        let listening: SQL =
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"
        #expect(try admin.execute(listening).scalar == "1")
        listener.stop()
        #expect(try await collector.wait { $0.hasFinished })
        #expect(try await collector.wait { _ in (try? admin.execute(listening).scalar) == "0" })
    }

    @Test func anUnreachableServerFailsTheStart() async throws {
        await #expect(throws: DatabaseError.self) {
            _ = try await NotificationListener.start(
                conninfo: "postgresql:///nope?host=/nonexistent-athanor-socket&port=1", channels: ["x"])
        }
    }
}
