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
                    loop.submit(try CurlTransfer.make(id: id, request: request, continuation: continuation))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            loop.cancel(id)
        }
    }
}
