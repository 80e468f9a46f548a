import CCurl
import Testing

@testable import OpenRouter

/// How libcurl's result codes become transport error kinds, without a network.
@Suite struct CurlFailureTests {
    private func kind(
        _ code: CURLcode, exceeded: Bool = false, connected: Bool = true, elapsed: Duration = .seconds(1),
        timeout: Duration = .seconds(120)
    ) -> HTTPTransportError.Kind {
        CurlFailure.kind(
            .init(code: code, exceededLimit: exceeded, connected: connected, elapsed: elapsed, timeout: timeout))
    }

    @Test func eachFailureHasItsOwnKind() {
        #expect(kind(CURLE_PARTIAL_FILE) == .truncated)
        #expect(kind(CURLE_RECV_ERROR) == .connectionReset)
        #expect(kind(CURLE_SEND_ERROR) == .connectionReset)
        #expect(kind(CURLE_GOT_NOTHING) == .connectionReset)
        #expect(kind(CURLE_COULDNT_RESOLVE_HOST) == .hostNotFound)
        #expect(kind(CURLE_COULDNT_CONNECT) == .connectionRefused)
        #expect(kind(CURLE_URL_MALFORMAT) == .invalidRequest)
        #expect(kind(CURLE_SSL_CONNECT_ERROR) == .connectionFailed)
    }

    @Test func theSizeLimitWinsOverTheWriteErrorItCauses() {
        #expect(kind(CURLE_WRITE_ERROR, exceeded: true) == .responseTooLarge)
        #expect(kind(CURLE_WRITE_ERROR) == .connectionFailed)
    }

    @Test func aTimeoutBeforeTheTotalIsUpIsTheIdleOne() {
        #expect(kind(CURLE_OPERATION_TIMEDOUT, elapsed: .seconds(61), timeout: .seconds(120)) == .idleTimeout)
        #expect(kind(CURLE_OPERATION_TIMEDOUT, elapsed: .milliseconds(120_004), timeout: .seconds(120)) == .timeout)
        #expect(
            kind(CURLE_OPERATION_TIMEDOUT, connected: false, elapsed: .seconds(30), timeout: .seconds(120))
                == .connectionRefused, "the connect timeout: nothing accepted the connection")
    }
}
