/// Where a streamed transfer's response goes: its head once, when the first body bytes arrive
/// (or the transfer ends without any), then every piece of the body, then the end.
///
/// Touched only by the event-loop thread, or by `CurlEventLoop.submit` before the loop has seen
/// the transfer; that hand-over is why it is `@unchecked Sendable`.
final class CurlStreamDelivery: @unchecked Sendable {
    private let head: CheckedContinuation<HTTPStreamingResponse, any Error>
    private let body: HTTPResponseBody
    private let pieces: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private var headDelivered = false

    init(
        head: CheckedContinuation<HTTPStreamingResponse, any Error>, body: HTTPResponseBody,
        pieces: AsyncThrowingStream<[UInt8], any Error>.Continuation
    ) {
        self.head = head
        self.body = body
        self.pieces = pieces
    }

    /// Body bytes from libcurl's write callback; `status` and `headers` are final by then.
    func receive(_ bytes: UnsafeRawBufferPointer, status: () -> Int, headers: [String: String], queued: Duration) {
        deliverHead(status: status(), headers: headers, queued: queued)
        pieces.yield(Array(bytes))
    }

    /// The transfer is over: a success ends the body; a failure before the head fails the call
    /// that waits for it, and a failure after it ends the body with that error.
    func finish(_ result: Result<HTTPResponse, any Error>) {
        switch result {
        case .success(let response):
            deliverHead(status: response.status, headers: response.headers, queued: response.queued)
            pieces.finish()
        case .failure(let error):
            if headDelivered {
                pieces.finish(throwing: error)
            } else {
                headDelivered = true
                pieces.finish(throwing: error)
                head.resume(throwing: error)
            }
        }
    }

    private func deliverHead(status: Int, headers: [String: String], queued: Duration) {
        guard !headDelivered else { return }
        headDelivered = true
        head.resume(returning: HTTPStreamingResponse(status: status, headers: headers, body: body, queued: queued))
    }
}
