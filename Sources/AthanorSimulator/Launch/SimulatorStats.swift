import AthanorCore
import Synchronization

/// Counters behind `GET /sim/stats`, shared by every connection thread.
///
/// Only API traffic counts (`/chat/completions`, `/models`, unknown paths), never `/sim/…`,
/// so a test can prove that a command sent zero requests. `chat_requests` also numbers
/// the chat requests for the fault schedule.
public final class SimulatorStats: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var requests: Int = 0
        public var chatRequests: Int = 0
        public var inFlight: Int = 0
        public var maxInFlight: Int = 0

        public var json: JSONValue {
            [
                "requests": .number(Double(requests)), "chat_requests": .number(Double(chatRequests)),
                "in_flight": .number(Double(inFlight)), "max_in_flight": .number(Double(maxInFlight)),
            ]
        }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Counts a request as started and returns the chat serial (1-based) when it is a chat.
    func begin(isChat: Bool) -> UInt64 {
        state.withLock { stats in
            stats.requests += 1
            stats.inFlight += 1
            stats.maxInFlight = max(stats.maxInFlight, stats.inFlight)
            if isChat { stats.chatRequests += 1 }
            return UInt64(stats.chatRequests)
        }
    }

    func end() {
        state.withLock { $0.inFlight -= 1 }
    }

    /// Zeroes the counters but keeps requests still running in `in_flight`.
    func reset() {
        state.withLock { $0 = Snapshot(inFlight: $0.inFlight, maxInFlight: $0.inFlight) }
    }
}
