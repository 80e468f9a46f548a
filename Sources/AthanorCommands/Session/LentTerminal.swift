import Synchronization

/// Whether a pager or an editor has the terminal now. Ctrl-C is theirs then (less and vi take it as a
/// key), so `Interrupts` leaves the running cell alone, as psql does while its pager runs.
enum LentTerminal {
    private static let holders = Mutex(0)

    static var isLent: Bool { holders.withLock { $0 > 0 } }

    /// Runs `body` (which starts the pager or editor and waits for it) with the terminal lent.
    static func lend<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        holders.withLock { $0 += 1 }
        defer { holders.withLock { $0 -= 1 } }
        return try body()
    }
}
