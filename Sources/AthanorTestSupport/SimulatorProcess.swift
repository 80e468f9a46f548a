import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The built `athanor-sim` binary, run as a subprocess on a free loopback port.
///
/// Tests drive the real executable, as a user would, rather than an in-process server:
/// that also proves the command line and the ready line. The process is stopped by
/// `stop()` or when the value is released.
///
/// ```swift
/// let sim = try SimulatorProcess.start(["--latency-ms", "50"])
/// defer { sim.stop() }
/// // point OPENROUTER_BASE_URL at sim.baseURL
/// #expect(try await sim.stats().chatRequests == 0)
/// ```
public final class SimulatorProcess: Sendable {
    /// `GET /sim/stats`.
    public struct Stats: Sendable, Equatable, Decodable {
        public var requests: Int
        public var chatRequests: Int
        public var inFlight: Int
        public var maxInFlight: Int

        public init(requests: Int, chatRequests: Int, inFlight: Int, maxInFlight: Int) {
            self.requests = requests
            self.chatRequests = chatRequests
            self.inFlight = inFlight
            self.maxInFlight = maxInFlight
        }

        enum CodingKeys: String, CodingKey {
            case requests
            case chatRequests = "chat_requests"
            case inFlight = "in_flight"
            case maxInFlight = "max_in_flight"
        }
    }

    public struct LaunchError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `http://127.0.0.1:PORT/api/v1`, the value for `OPENROUTER_BASE_URL`.
    public let baseURL: URL
    /// `http://127.0.0.1:PORT`, for `/sim/stats` and `/sim/reset`.
    public let rootURL: URL
    public let port: Int
    private let process: Mutex<Process?>

    /// Starts `athanor-sim --port 0 <arguments>` and waits for its ready line.
    public static func start(_ arguments: [String] = []) throws -> SimulatorProcess {
        let process = Process()
        process.executableURL = try executableURL()
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let line = readLine(from: output.fileHandleForReading)
        let prefix = "athanor-sim listening on "
        guard line.hasPrefix(prefix), let url = URL(string: String(line.dropFirst(prefix.count))),
            let port = url.port
        else {
            if process.isRunning { process.terminate() }
            throw LaunchError(description: "athanor-sim did not start (arguments \(arguments)); it printed \"\(line)\"")
        }
        return SimulatorProcess(process: process, baseURL: url, port: port)
    }

    private init(process: sending Process, baseURL: URL, port: Int) {
        self.process = Mutex(process)
        self.baseURL = baseURL
        self.port = port
        rootURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    deinit { stop() }

    /// Sends SIGTERM and waits for the process to exit; safe to call twice.
    public func stop() {
        process.withLock { current in
            guard let running = current else { return }
            current = nil
            if running.isRunning {
                running.terminate()
                running.waitUntilExit()
            }
        }
    }

    public func stats() async throws -> Stats {
        let (data, _) = try await URLSession.shared.data(from: rootURL.appendingPathComponent("sim/stats"))
        return try JSONDecoder().decode(Stats.self, from: data)
    }

    /// Zeroes the counters and restarts the random fault schedule.
    public func reset() async throws {
        var request = URLRequest(url: rootURL.appendingPathComponent("sim/reset"))
        request.httpMethod = "POST"
        _ = try await URLSession.shared.data(for: request)
    }

    /// The built `athanor-sim` (see `BuiltProduct`).
    public static func executableURL() throws -> URL {
        try BuiltProduct.url("athanor-sim")
    }

    private static func readLine(from handle: FileHandle) -> String {
        var bytes: [UInt8] = []
        while !bytes.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }
}
