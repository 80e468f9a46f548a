import Dispatch

/// A serial executor backed by its own dispatch queue, so an actor that blocks in libpq holds one
/// dedicated thread instead of one of the cooperative pool's (two, on a 2-core machine).
///
/// `DispatchSerialQueue` is not available on Linux, hence this class (c-libraries.md §3: three
/// actors each running `pg_sleep(1)` took 2.0 s on default executors, 1.0 s with this one).
final class QueueExecutor: SerialExecutor, @unchecked Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
