import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The life of the `athanor-sim` process: parse, bind, announce, serve until a signal.
public enum SimulatorMain {
    /// Runs until SIGTERM or SIGINT, then exits 0; bad arguments exit 2, socket failures 1.
    public static func run(arguments: [String]) -> Never {
        let configuration: SimulatorConfiguration
        do {
            guard let parsed = try SimulatorOptions.parse(arguments) else {
                print(SimulatorOptions.usage)
                exit(0)
            }
            configuration = parsed
        } catch {
            FileHandle.standardError.write(Data("athanor-sim: \(error.description)\n".utf8))
            exit(2)
        }
        let server: HTTPServer
        do {
            server = try HTTPServer(port: configuration.port)
        } catch {
            FileHandle.standardError.write(Data("athanor-sim: \(error.description)\n".utf8))
            exit(1)
        }
        // Writes to a vanished client must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let stopSignals = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                server.stop()
                exit(0)
            }
            source.resume()
            return source
        }
        // Unbuffered, so a parent reading the pipe sees the line at once.
        FileHandle.standardOutput.write(Data("athanor-sim listening on http://127.0.0.1:\(server.port)/api/v1\n".utf8))
        let simulator = Simulator(configuration: configuration)
        server.run(handler: simulator.handle)
        withExtendedLifetime(stopSignals) {}
        exit(0)
    }
}
