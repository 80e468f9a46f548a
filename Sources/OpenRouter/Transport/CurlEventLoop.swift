import AthanorCore
import CCurl
import Foundation
import Synchronization

/// libcurl's multi interface driven by one dedicated thread (c-libraries.md §4).
///
/// Only the loop thread touches the multi handle, except `curl_multi_wakeup`, which libcurl
/// documents as callable from any thread; that is why the class is `@unchecked Sendable`.
/// Other threads queue additions and cancellations under a lock and wake the loop. Every
/// transfer is delivered exactly once: by whoever removes it from `registered`.
///
/// A transfer with an `inFlightLimit` waits in an `InFlightQueue` until the limit has room, and
/// the turn of the loop that ends one transfer starts the next.
final class CurlEventLoop: @unchecked Sendable {
    private struct State {
        var nextID = 1
        var registered: [Int: CurlTransfer] = [:]
        var toAdd: [CurlTransfer] = []
        var toCancel: [Int] = []
        /// Ids cancelled before their transfer was submitted (the task was already cancelled).
        var cancelledEarly: Set<Int> = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let state = Mutex(State())

    /// `curl_global_init` is not thread-safe and must run once before any handle exists.
    private static let globalInit: Void = { _ = curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    init() {
        Self.globalInit
        multi = curl_multi_init()
        let thread = Thread { [self] in run() }
        thread.name = "athanor-curl"
        thread.start()
    }

    func makeID() -> Int {
        state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
    }

    /// Hands a configured transfer to the loop, unless its task was cancelled already.
    func submit(_ transfer: CurlTransfer) {
        let cancelled = state.withLock { state in
            if state.cancelledEarly.remove(transfer.id) != nil { return true }
            state.registered[transfer.id] = transfer
            state.toAdd.append(transfer)
            return false
        }
        if cancelled {
            transfer.deliver(.failure(CancellationError()))
        } else {
            curl_multi_wakeup(multi)
        }
    }

    /// Aborts a transfer from any thread: the loop removes its handle on its next turn.
    func cancel(_ id: Int) {
        state.withLock { state in
            if state.registered[id] != nil {
                state.toCancel.append(id)
            } else {
                state.cancelledEarly.insert(id)
            }
        }
        curl_multi_wakeup(multi)
    }

    /// Aborts a transfer that was submitted, if it is still running (a reader that stopped early);
    /// unlike `cancel`, an id it does not know is ignored, since that transfer has already ended.
    func abort(_ id: Int) {
        let running = state.withLock { state in
            guard state.registered[id] != nil else { return false }
            state.toCancel.append(id)
            return true
        }
        if running { curl_multi_wakeup(multi) }
    }

    /// Ends the loop once the owner is gone; no transfer can be in flight by then.
    func stop() {
        state.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]  // by easy handle
        var queue = InFlightQueue<CurlTransfer>()
        func start(_ transfer: CurlTransfer) {
            transfer.started()
            let code = curl_multi_add_handle(multi, transfer.easy)
            if code == CURLM_OK {
                active[transfer.easy] = transfer
                transfer.inFlightLimit?.requestStarted()
            } else {
                if let limit = transfer.inFlightLimit { queue.ended(limit) }
                let message = "libcurl could not start the transfer: \(String(cString: curl_multi_strerror(code)))"
                finish(transfer, .failure(HTTPTransportError(kind: .invalidRequest, message: message)))
            }
        }
        func end(_ transfer: CurlTransfer, _ result: Result<HTTPResponse, any Error>) {
            curl_multi_remove_handle(multi, transfer.easy)
            if let limit = transfer.inFlightLimit { queue.ended(limit) }
            finish(transfer, result)
        }
        while true {
            let (adds, cancels, stopping) = state.withLock { state in
                defer {
                    state.toAdd.removeAll()
                    state.toCancel.removeAll()
                }
                return (state.toAdd, state.toCancel, state.stopping)
            }
            for transfer in adds {
                if let limit = transfer.inFlightLimit {
                    queue.enqueue(transfer, limit: limit)
                } else {
                    start(transfer)
                }
            }
            for id in cancels {
                if let waiting = queue.remove(where: { $0.id == id }) {
                    finish(waiting, .failure(CancellationError()))
                } else if let transfer = active.values.first(where: { $0.id == id }) {
                    active[transfer.easy] = nil
                    end(transfer, .failure(CancellationError()))
                }
            }
            // Stopping waits for what was handed over, this turn's additions included.
            if stopping && active.isEmpty && queue.isEmpty { break }
            // A transfer that ends makes room for a waiting one: it starts in this same turn.
            repeat {
                for transfer in queue.admit() { start(transfer) }
                var running: Int32 = 0
                curl_multi_perform(multi, &running)
                var left: Int32 = 0
                while let message = curl_multi_info_read(multi, &left) {
                    guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                    let code = message.pointee.data.result  // read before the handle is removed
                    guard let transfer = active.removeValue(forKey: easy) else {
                        curl_multi_remove_handle(multi, easy)
                        continue
                    }
                    end(transfer, transfer.outcome(code).mapError { $0 })
                }
            } while queue.mayAdmit
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }

    private func finish(_ transfer: CurlTransfer, _ result: Result<HTTPResponse, any Error>) {
        let owned = state.withLock { $0.registered.removeValue(forKey: transfer.id) != nil }
        if owned { transfer.deliver(result) }
    }
}
