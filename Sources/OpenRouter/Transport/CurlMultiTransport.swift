/// The production `HTTPTransport`: libcurl's multi interface on one event-loop thread.
///
/// Chosen over an easy-handle thread pool and URLSession because it uses the least CPU per
/// request, serves any concurrency from one thread, keeps connections alive across requests,
/// and aborts a cancelled transfer at once (c-libraries.md §4).
public final class CurlMultiTransport: HTTPTransport {
    /// One loop for the whole process, so every request shares the connection cache.
    public static let shared = CurlMultiTransport()

    private let loop = CurlEventLoop()

    public init() {}

    deinit { loop.stop() }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let id = loop.makeID()
        let loop = self.loop
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    loop.submit(try CurlTransfer.make(id: id, request: request, delivery: .whole(continuation)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            loop.cancel(id)
        }
    }

    /// The head once the body starts; the body as libcurl receives it. Cancelling the task that
    /// waits for the head or for the next piece, or leaving the body's loop early (which drops
    /// its iterator), removes the handle on the loop's next turn and so closes the connection.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        try Task.checkCancellation()
        let id = loop.makeID()
        let loop = self.loop
        let (stream, pieces) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        pieces.onTermination = { termination in
            if case .cancelled = termination { loop.abort(id) }
        }
        let body = HTTPResponseBody(pieces: stream, abort: { loop.abort(id) })
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { head in
                let delivery = CurlStreamDelivery(head: head, body: body, pieces: pieces)
                do {
                    loop.submit(try CurlTransfer.make(id: id, request: request, delivery: .streamed(delivery)))
                } catch {
                    delivery.finish(.failure(error))
                }
            }
        } onCancel: {
            loop.cancel(id)
        }
    }
}
