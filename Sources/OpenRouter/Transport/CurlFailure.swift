import CCurl

/// Which `HTTPTransportError.Kind` a finished transfer's libcurl result means.
///
/// Pure, so each case is tested without a network; `CurlTransfer` gathers the facts. libcurl
/// reports both timeouts as `CURLE_OPERATION_TIMEDOUT`: the idle one (`CURLOPT_LOW_SPEED_TIME`)
/// is the one that fired before the total time was up, and a timeout before any connection was
/// made is the connect timeout, reported as a connection that could not be made.
enum CurlFailure {
    struct Facts {
        var code: CURLcode
        /// The write callback refused bytes past `HTTPRequest.maximumResponseBytes`.
        var exceededLimit: Bool
        /// A TCP connection (and TLS, if any) was established.
        var connected: Bool
        /// From the start of the transfer to its end.
        var elapsed: Duration
        /// `HTTPRequest.timeout`.
        var timeout: Duration
    }

    static func kind(_ facts: Facts) -> HTTPTransportError.Kind {
        if facts.exceededLimit { return .responseTooLarge }
        switch facts.code {
        case CURLE_OPERATION_TIMEDOUT:
            if !facts.connected { return .connectionRefused }
            // libcurl checks its timers about once a second: a total timeout fires at or after it.
            return facts.elapsed < facts.timeout - .milliseconds(500) ? .idleTimeout : .timeout
        case CURLE_PARTIAL_FILE:
            return .truncated
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .connectionReset
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .hostNotFound
        case CURLE_COULDNT_CONNECT:
            return .connectionRefused
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest
        default:
            return .connectionFailed
        }
    }
}
