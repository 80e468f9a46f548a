import AthanorCore

/// The transfers held back by their in-flight limits, in the order they came, and how many of
/// each limit's transfers are in flight.
///
/// The event loop's bookkeeping (its thread alone touches it), kept apart so the rules are
/// tested without a network: a limit's transfers start oldest first, never more at once than its
/// current `limit` (at least one), and a limit that is full holds back only its own transfers.
struct InFlightQueue<Transfer> {
    private var waiting: [(transfer: Transfer, limit: any InFlightLimit)] = []
    private var inFlight: [ObjectIdentifier: Int] = [:]
    /// Whether something was queued or ended since `admit()` last looked.
    private var changed = false

    var isEmpty: Bool { waiting.isEmpty }

    /// Whether `admit()` may start something now that it could not before.
    var mayAdmit: Bool { changed && !waiting.isEmpty }

    /// How many of `limit`'s transfers are in flight.
    func inFlight(of limit: any InFlightLimit) -> Int {
        inFlight[ObjectIdentifier(limit), default: 0]
    }

    /// Queues a transfer that counts against `limit`.
    mutating func enqueue(_ transfer: Transfer, limit: any InFlightLimit) {
        waiting.append((transfer, limit))
        changed = true
    }

    /// Takes the waiting transfers that may start now, oldest first, counting them as in flight.
    mutating func admit() -> [Transfer] {
        changed = false
        guard !waiting.isEmpty else { return [] }
        var free: [ObjectIdentifier: Int] = [:]
        var admitted: [Transfer] = []
        var stillWaiting: [(transfer: Transfer, limit: any InFlightLimit)] = []
        for entry in waiting {
            let id = ObjectIdentifier(entry.limit)
            let room = free[id] ?? max(1, entry.limit.limit) - inFlight[id, default: 0]
            if room > 0 {
                admitted.append(entry.transfer)
                inFlight[id, default: 0] += 1
                free[id] = room - 1
            } else {
                free[id] = 0
                stillWaiting.append(entry)
            }
        }
        waiting = stillWaiting
        return admitted
    }

    /// One of `limit`'s transfers is no longer in flight (it ended, failed or was cancelled).
    mutating func ended(_ limit: any InFlightLimit) {
        let id = ObjectIdentifier(limit)
        let count = inFlight[id, default: 0] - 1
        assert(count >= 0, "a transfer ended that was never admitted")
        inFlight[id] = count > 0 ? count : nil
        changed = true
    }

    /// Takes a waiting transfer out (cancelled before it started); nil when none matches.
    mutating func remove(where matches: (Transfer) -> Bool) -> Transfer? {
        guard let index = waiting.firstIndex(where: { matches($0.transfer) }) else { return nil }
        return waiting.remove(at: index).transfer
    }
}
