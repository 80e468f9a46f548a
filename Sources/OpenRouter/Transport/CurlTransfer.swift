import AthanorCore
import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One transfer: a configured easy handle, the bytes it sends, and what has arrived so far.
///
/// A whole-body transfer collects the body and resumes one continuation at the end; a streamed
/// one hands each piece on as it arrives (`CurlStreamDelivery`). The choice is made once, when the
/// write callback is set, so the whole-body path pays nothing for streaming.
///
/// Created on the caller's thread, then touched only by the event-loop thread until it finishes;
/// that hand-over through the loop's lock is why it is `@unchecked Sendable`. It owns the easy
/// handle, the header list and the request body, and frees them in `deinit` only (a second free
/// on a failure path is how c-libraries.md §6.4 crashed).
final class CurlTransfer: @unchecked Sendable {
    /// Who is waiting for the response, and in what form.
    enum Delivery {
        /// The complete response, once, at the end.
        case whole(CheckedContinuation<HTTPResponse, any Error>)
        /// The head as soon as the body starts, then the body piece by piece.
        case streamed(CurlStreamDelivery)
    }

    let id: Int
    let easy: UnsafeMutableRawPointer
    let delivery: Delivery
    /// The limit this transfer waits for before the loop starts it, if any.
    let inFlightLimit: (any InFlightLimit)?
    /// How long it waited for `inFlightLimit`; set when the loop starts it.
    private(set) var queued: Duration = .zero
    private let created = ContinuousClock.now
    /// When the loop started it: the total and idle timeouts count from here.
    private var startedAt = ContinuousClock.now
    private let timeout: Duration
    /// `HTTPRequest.maximumResponseBytes`: the write callbacks count the body against it.
    private let maximumResponseBytes: Int
    /// Body bytes delivered so far, decompressed.
    private var received = 0
    /// The write callback refused bytes past `maximumResponseBytes`, which aborted the transfer.
    private var exceededLimit = false

    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let requestBody: UnsafeMutableBufferPointer<UInt8>
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private(set) var responseHeaders: [String: String] = [:]
    private(set) var responseBody: [UInt8] = []

    /// Creates and configures the easy handle; throws when libcurl refuses an option.
    static func make(id: Int, request: HTTPRequest, delivery: Delivery) throws(HTTPTransportError) -> CurlTransfer {
        guard let easy = curl_easy_init() else {
            throw HTTPTransportError(kind: .invalidRequest, message: "libcurl could not create a transfer handle")
        }
        let transfer = CurlTransfer(id: id, easy: easy, request: request, delivery: delivery)
        try transfer.configure(request)
        return transfer
    }

    private init(id: Int, easy: UnsafeMutableRawPointer, request: HTTPRequest, delivery: Delivery) {
        self.id = id
        self.easy = easy
        self.delivery = delivery
        inFlightLimit = request.inFlightLimit
        timeout = request.timeout
        maximumResponseBytes = request.maximumResponseBytes ?? .max
        requestBody = .allocate(capacity: max(request.body.count, 1))
        _ = requestBody.initialize(from: request.body)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        requestBody.deallocate()
        errorBuffer.deallocate()
    }

    private func configure(_ request: HTTPRequest) throws(HTTPTransportError) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let timeoutMilliseconds = max(1, Int(request.timeout / .milliseconds(1)))
        var codes: [CURLcode] = [
            ccurl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer),
            ccurl_easy_setopt_string(easy, CURLOPT_URL, request.url),
            ccurl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            ccurl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeoutMilliseconds),
            ccurl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, min(timeoutMilliseconds, 30_000)),
            ccurl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1),
            ccurl_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, ""),
            ccurl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context),
            setWriteFunction(),
            ccurl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context),
            ccurl_easy_setopt_data_function(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                let bytes = size * count
                guard let data, let context else { return bytes }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: bytes))
                return bytes
            },
        ]
        if let idle = request.idleTimeout {
            // Below 1 byte a second for this many seconds: libcurl's own check, streams included.
            let seconds = Int((Double(idle / .milliseconds(1)) / 1000).rounded(.up))
            codes.append(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_LIMIT, 1))
            codes.append(ccurl_easy_setopt_long(easy, CURLOPT_LOW_SPEED_TIME, max(1, seconds)))
        }
        switch request.method.uppercased() {
        case "GET":
            codes.append(ccurl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "POST":
            codes.append(ccurl_easy_setopt_long(easy, CURLOPT_POST, 1))
        default:
            codes.append(ccurl_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method))
        }
        if !request.body.isEmpty || request.method.uppercased() == "POST" {
            codes.append(ccurl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            codes.append(ccurl_easy_setopt_pointer(easy, CURLOPT_POSTFIELDS, requestBody.baseAddress))
        }
        // An empty `Expect:` stops libcurl from waiting for `100 Continue` before larger bodies.
        var lines = request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        if let key = request.bearerToken { lines.append("Authorization: " + key.authorizationHeaderValue) }
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                throw HTTPTransportError(kind: .invalidRequest, message: "libcurl could not store a request header")
            }
            headerList = appended
        }
        codes.append(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList))
        if let failed = codes.first(where: { $0 != CURLE_OK }) {
            throw HTTPTransportError(
                kind: .invalidRequest,
                message: "libcurl refused an option: \(String(cString: curl_easy_strerror(failed)))",
                curlCode: Int(failed.rawValue))
        }
    }

    /// Collects the body, or hands each piece on as it arrives, as the delivery asks.
    private func setWriteFunction() -> CURLcode {
        guard case .streamed = delivery else {
            return ccurl_easy_setopt_data_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let bytes = size * count
                guard let data, let context else { return bytes }
                let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                guard transfer.admit(bytes) else { return 0 }
                transfer.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: bytes))
                return bytes
            }
        }
        return ccurl_easy_setopt_data_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let bytes = size * count
            guard let data, let context else { return bytes }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            guard transfer.admit(bytes) else { return 0 }
            guard case .streamed(let stream) = transfer.delivery else { return bytes }
            stream.receive(
                UnsafeRawBufferPointer(start: data, count: bytes), status: { transfer.status },
                headers: transfer.responseHeaders, queued: transfer.queued)
            return bytes
        }
    }

    /// Counts `count` more body bytes; false once they pass `maximumResponseBytes`, when the write
    /// callback returns a short count and libcurl aborts the transfer (`CURLE_WRITE_ERROR`).
    private func admit(_ count: Int) -> Bool {
        received += count
        if received > maximumResponseBytes { exceededLimit = true }
        return !exceededLimit
    }

    /// The loop is starting the transfer now: for a limited one, what came before was waiting.
    func started() {
        startedAt = ContinuousClock.now
        if inFlightLimit != nil { queued = startedAt - created }
    }

    /// The response's status code, as far as libcurl knows it (final once the body has started).
    private var status: Int {
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    /// Hands the end of the transfer to whoever waits for it; called exactly once.
    func deliver(_ result: Result<HTTPResponse, any Error>) {
        switch delivery {
        case .whole(let continuation): continuation.resume(with: result)
        case .streamed(let stream): stream.finish(result)
        }
    }

    /// Keeps `name: value` lines; a status line starts a new header block (after `100 Continue`
    /// or a redirect), so only the final response's headers remain.
    private func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            responseHeaders.removeAll()
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].lowercased()
        let value = text[text.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
        if let existing = responseHeaders[name] {
            responseHeaders[name] = existing + ", " + value
        } else {
            responseHeaders[name] = String(value)
        }
    }

    /// The finished response, or the transport error for libcurl's result code.
    func outcome(_ code: CURLcode) -> Result<HTTPResponse, HTTPTransportError> {
        guard code == CURLE_OK, !exceededLimit else {
            var message = String(cString: errorBuffer)
            if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
            // A request was written, so a connection was made (on a reused connection as well).
            var requestBytes = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &requestBytes)
            let kind = CurlFailure.kind(
                .init(
                    code: code, exceededLimit: exceededLimit, connected: requestBytes > 0,
                    elapsed: ContinuousClock.now - startedAt, timeout: timeout))
            // The system's reason (refused, unreachable, reset), which libcurl's text does not always give.
            var systemError = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &systemError)
            let reason = systemError == 0 ? "" : String(cString: strerror(Int32(systemError)))
            if !reason.isEmpty && !message.contains(reason) { message += " (\(reason))" }
            if kind == .responseTooLarge { message = "the body passed \(maximumResponseBytes) bytes" }
            return .failure(HTTPTransportError(kind: kind, message: message, curlCode: Int(code.rawValue)))
        }
        return .success(HTTPResponse(status: status, headers: responseHeaders, body: responseBody, queued: queued))
    }
}
