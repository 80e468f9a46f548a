import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A listening TCP socket on 127.0.0.1 that gives each accepted connection its own thread.
///
/// A thread per connection is the simplest design that lets one connection sleep (simulated
/// latency, slow faults, paced streams) without holding up the others; the benchmark needs
/// about fifty at once, well within what threads handle cheaply. Loopback only, on purpose.
public final class HTTPServer: Sendable {
    public let port: UInt16
    private let listener: Int32

    /// Binds and listens; `port` 0 lets the kernel pick a free port, reported in `port`.
    public init(port requested: UInt16) throws(SimulatorError) {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Self.failure("open a socket") }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 1024) == 0 else {
            let error = Self.failure("listen on 127.0.0.1:\(requested)")
            close(descriptor)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Accepts connections until `stop()`; blocks the calling thread.
    public func run(handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED || errno == EMFILE { continue }
                return
            }
            var yes: Int32 = 1
            // Small keep-alive exchanges must not wait for Nagle's algorithm and delayed ACKs.
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { HTTPConnection(descriptor: connection, handler: handler).serve() }
            thread.stackSize = 256 * 1024
            thread.start()
        }
    }

    /// Stops accepting; connections already open finish on their own threads.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func failure(_ operation: String) -> SimulatorError {
        let code = errno
        return .socket(operation, errno: code, detail: String(cString: strerror(code)))
    }
}
