import Foundation

/// A real HTTP/1.1 server on 127.0.0.1 (Python's standard library), so transport and client
/// tests go through libcurl and a socket exactly as production does.
///
/// One process serves the whole suite. It exits by itself when this test process ends, because it
/// watches its stdin pipe for end-of-file. Routes:
/// - `/echo` answers with what it received (method, path, headers, body, the client's port);
/// - `/status/N` answers N with `Retry-After: 7`;
/// - `/html/N` answers N with an HTML page;
/// - `/slow` answers after 5 s; `/truncated` promises 1000 bytes and closes after 11;
/// - `/v1/chat/completions` answers like OpenRouter, reporting the request it saw in `content`,
///   as SSE when the body asks for `stream: true`.
final class LoopbackHTTPServer: Sendable {
    static let shared = LoopbackHTTPServer()

    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }
    private let process: Process
    private let stdin: Pipe

    private init() {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try! process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            precondition(!chunk.isEmpty, "the loopback HTTP server did not start")
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        port = Int(text.replacingOccurrences(of: "PORT ", with: ""))!
        self.process = process
        stdin = input
    }

    private static let script = #"""
        import json, os, socket, sys, threading, time
        from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args): pass

            def send(self, status, body, ctype="application/json", extra=()):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in extra: self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path
                if path.startswith("/echo"):
                    seen = {"method": self.command, "path": path, "body": body.decode("utf-8", "replace"),
                            "headers": {k.lower(): v for k, v in self.headers.items()}, "client_port": self.client_address[1]}
                    self.send(200, json.dumps(seen).encode(), extra=[("X-Provider-Name", "Loopback"), ("X-Multi", "a"), ("X-Multi", "b")])
                elif path.startswith("/status/"):
                    self.send(int(path.split("/")[2]), b'{"error":{"code":503,"message":"down"}}', extra=[("Retry-After", "7")])
                elif path.startswith("/html/"):
                    page = b"<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"
                    self.send(int(path.split("/")[2]), page, ctype="text/html")
                elif path.startswith("/slow"):
                    time.sleep(5)
                    self.send(200, b"{}")
                elif path.startswith("/truncated"):
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"partial":1')
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                elif path.endswith("/chat/completions"):
                    request = json.loads(body)
                    seen = {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": request}
                    content = json.dumps(seen)
                    tokens = [{"token": "Pa", "logprob": -0.25, "bytes": [80, 97], "top_logprobs": [{"token": "Pa", "logprob": -0.25, "bytes": [80, 97]}]},
                              {"token": "ris", "logprob": 0, "bytes": [114, 105, 115], "top_logprobs": []}]
                    usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7, "cost": 0.00001}
                    if request.get("stream"):
                        events = [{"id": "gen-s", "model": request["model"], "provider": "Loopback",
                                   "choices": [{"index": 0, "delta": {"content": content}, "logprobs": {"content": tokens[:1]}, "finish_reason": None}]},
                                  {"id": "gen-s", "choices": [{"index": 0, "delta": {"content": ""}, "logprobs": {"content": tokens[1:]}, "finish_reason": "stop"}]},
                                  {"id": "gen-s", "choices": [], "usage": usage}]
                        text = ": OPENROUTER PROCESSING\n\n" + "".join("data: " + json.dumps(e) + "\n\n" for e in events) + "data: [DONE]\n\n"
                        self.send(200, text.encode(), ctype="text/event-stream")
                    else:
                        answer = {"id": "gen-1", "model": request["model"], "object": "chat.completion",
                                  "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                               "finish_reason": "stop", "native_finish_reason": "stop", "logprobs": {"content": tokens}}],
                                  "usage": usage}
                        self.send(200, json.dumps(answer).encode(), extra=[("X-Provider-Name", "Loopback")])
                else:
                    self.send(404, b'{"error":{"message":"no route"}}')

            do_GET = do_POST = handle_any

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # the default backlog of 5 drops connections under concurrent tests

        server = Server(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        def watch_parent():
            sys.stdin.read()
            os._exit(0)
        threading.Thread(target=watch_parent, daemon=True).start()
        print("PORT", server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
