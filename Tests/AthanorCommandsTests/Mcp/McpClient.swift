import AthanorCore
import AthanorTestSupport
import Foundation
import Synchronization

/// An MCP client as Claude Desktop or an editor is one: it starts `athanor mcp` with pipes and
/// speaks JSON-RPC to it, one message a line. Every line the server writes is kept, for a test to
/// search (the API key must be in none).
final class McpClient: Sendable {
    private let process: Process
    private let input: FileHandle
    private let lines = Mutex<[String]>([])
    private let errors = Mutex(Data())
    private let nextID = Mutex(1)

    init(bench: Workbench, environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = try BuiltProduct.url("athanor")
        process.arguments = ["mcp"]
        var environment = bench.environment.merging(extra) { _, new in new }
        environment["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        process.environment = environment
        process.currentDirectoryURL = BuiltProduct.packageRoot.appendingPathComponent("Examples")
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        // Blocking reads on threads of their own, so that they never starve the cooperative pool.
        let reader = stdout.fileHandleForReading
        let errorReader = stderr.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while case let chunk = reader.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[..<end], as: UTF8.self)
                    pending = Data(pending[(end + 1)...])
                    self.lines.withLock { $0.append(line) }
                }
            }
        }
        Thread.detachNewThread { [self] in
            while case let chunk = errorReader.availableData, !chunk.isEmpty {
                self.errors.withLock { $0.append(chunk) }
            }
        }
    }

    /// Everything the server wrote on standard output and standard error so far.
    var transcript: String { lines.withLock { $0.joined(separator: "\n") } + "\n" + standardError }
    var standardError: String { errors.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Writes one message as a line, as it is (a test may send what is not JSON-RPC).
    func send(_ line: String) throws {
        try input.write(contentsOf: Data((line + "\n").utf8))
    }

    func notify(_ method: String, _ params: JSONValue? = nil) throws {
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { message["params"] = params }
        try send(JSONValue.object(message).serialized())
    }

    /// Sends a request without waiting for its answer; returns its id.
    func start(_ method: String, _ params: JSONValue? = nil) throws -> Int {
        let id = nextID.withLock { id in
            defer { id += 1 }
            return id
        }
        var message: [String: JSONValue] = ["jsonrpc": "2.0", "id": .number(Double(id)), "method": .string(method)]
        if let params { message["params"] = params }
        try send(JSONValue.object(message).serialized())
        return id
    }

    /// Whether any line so far answers the request `id`.
    func hasAnswered(_ id: Int) -> Bool {
        lines.withLock { $0 }.contains { (try? JSONValue.parse($0))?["id"]?.intValue == id }
    }

    /// Sends a request and waits for the answer with its id: the whole response (`result` or `error`).
    func request(_ method: String, _ params: JSONValue? = nil, timeout: Duration = .seconds(60)) async throws
        -> JSONValue
    {
        let id = try start(method, params)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let answers = lines.withLock { $0 }.compactMap { try? JSONValue.parse($0) }
            if let answer = answers.first(where: { $0["id"]?.intValue == id }) { return answer }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw NoAnswer(method: method, transcript: transcript)
    }

    /// `tools/call`: the call's result (`content`, `structuredContent`, `isError`), or the
    /// JSON-RPC error as the whole response.
    func call(_ tool: String, _ arguments: JSONValue = [:]) async throws -> JSONValue {
        let response = try await request("tools/call", ["name": .string(tool), "arguments": arguments])
        return response["result"] ?? response
    }

    /// `initialize` and `notifications/initialized`, as every session starts.
    func initialize(version: String = "2025-11-25") async throws -> JSONValue {
        let answer = try await request(
            "initialize",
            [
                "protocolVersion": .string(version), "capabilities": [:],
                "clientInfo": ["name": "athanor-tests", "version": "1.0"],
            ])
        try notify("notifications/initialized")
        return answer
    }

    /// Closes standard input, as a client does when it quits, and waits for the server to exit.
    func close() async throws -> Int32 {
        try input.close()
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        if process.isRunning { process.terminate() }
        return process.terminationStatus
    }

    struct NoAnswer: Error, CustomStringConvertible {
        var method: String
        var transcript: String
        var description: String { "no answer to \(method); the server wrote:\n\(transcript)" }
    }
}

extension JSONValue {
    /// A tool result's text content.
    var text: String { self["content"]?.arrayValue?.first?["text"]?.stringValue ?? "" }
}
