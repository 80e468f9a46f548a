/// The body of a streaming response, piece by piece as the network delivers it.
///
/// An `AsyncThrowingStream` alone would not notice a reader that leaves its loop early: the
/// transfer would run on, unread, to its end. This iterator aborts the transfer when it is
/// dropped before the body ended (a `break`, or an error thrown out of the loop).
public struct HTTPResponseBody: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let pieces: AsyncThrowingStream<[UInt8], any Error>
    private let abort: @Sendable () -> Void

    /// `abort` stops the transfer; it is called at most once, and only if the body did not end.
    public init(pieces: AsyncThrowingStream<[UInt8], any Error>, abort: @escaping @Sendable () -> Void = {}) {
        self.pieces = pieces
        self.abort = abort
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: pieces.makeAsyncIterator(), abort: abort)
    }

    public final class Iterator: AsyncIteratorProtocol {
        private var base: AsyncThrowingStream<[UInt8], any Error>.Iterator
        private let abort: @Sendable () -> Void
        private var ended = false

        init(base: AsyncThrowingStream<[UInt8], any Error>.Iterator, abort: @escaping @Sendable () -> Void) {
            self.base = base
            self.abort = abort
        }

        deinit {
            if !ended { abort() }
        }

        public func next() async throws -> [UInt8]? {
            do {
                guard let piece = try await base.next() else {
                    ended = true
                    return nil
                }
                return piece
            } catch {
                ended = true
                throw error
            }
        }
    }
}
