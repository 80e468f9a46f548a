/// Parses `athanor-sim`'s command line by hand.
///
/// Nine flags do not justify a dependency in the library, and parsing here keeps the
/// executable a one-file entry point whose behaviour the tests can reach.
public enum SimulatorOptions {
    public static let usage = """
        USAGE: athanor-sim [--port N] [--latency-ms N] [--scenario FILE] [--api-key K]
                           [--fault-rate KIND=P]... [--seed N] [--slow-ms N] [--strict-openai]

        Serves OpenRouter's chat-completions wire format on 127.0.0.1 with deterministic
        tokens and logprobs. Prints "athanor-sim listening on http://127.0.0.1:PORT/api/v1" when ready.

        OPTIONS:
          --port N             TCP port on 127.0.0.1; 0 picks a free one (default 0)
          --latency-ms N       time from an API request's arrival to its answer; a stream's
                               chunks are spread over it (default 0)
          --scenario FILE      JSON rules for scripted answers (see docs/simulator.md)
          --api-key K          accept only "Authorization: Bearer K" (default: any non-empty key)
          --fault-rate KIND=P  fail a fraction P of chat requests with KIND; repeatable
          --seed N             seed of the random fault schedule (default 1)
          --slow-ms N          delay of the "slow" fault (default 5000)
          --max-in-flight N    answer 429 (Retry-After: 1) to a chat request that arrives while
                               N others are in flight (default: no limit)
          --strict-openai      act as a strict OpenAI-compatible server: answer 400
                               "Unrecognized request argument supplied: provider, usage" to any
                               non-standard top-level field, and need no key (unless --api-key)
          -h, --help           show this help

        FAULT KINDS: \(SimulatedFault.knownNames)
          429, 500, 502-html   error statuses; 502-html is an HTML page
          slow                 answers after --slow-ms
          malformed            status 200, a body that is not JSON
          truncate             announces more bytes than it sends, then closes
          error-200            status 200 whose body is an error object
          no-logprobs          a normal answer with "logprobs": null
          midstream-error      an error after a few tokens
          gzip-bomb            Content-Encoding: gzip, 1 MB that inflates to 1 GB of zero bytes
          endless-stream       server-sent token chunks that never end
          huge-answer          a complete, well-formed answer of 100 MB
          stall                status and headers, then silence until the client leaves
          reset                no response: the connection is reset (TCP RST)
        Also on demand: a scenario rule's "fault", or the request header "X-Sim-Fault: KIND".
        """

    /// The configuration, or nil when help was asked for.
    public static func parse(_ arguments: [String]) throws(SimulatorError) -> SimulatorConfiguration? {
        var configuration = SimulatorConfiguration()
        var rates: [FaultSchedule.Rate] = []
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            func value() throws(SimulatorError) -> String {
                guard let value = remaining.popFirst() else { throw .invalidArgument("\(flag) needs a value.") }
                return value
            }
            func number<T: FixedWidthInteger>(_: T.Type) throws(SimulatorError) -> T {
                let text = try value()
                guard let number = T(text), number >= 0 else {
                    throw .invalidArgument("\(flag) expects a non-negative whole number, got \"\(text)\".")
                }
                return number
            }
            switch flag {
            case "-h", "--help": return nil
            case "--port": configuration.port = try number(UInt16.self)
            case "--latency-ms": configuration.latency = .milliseconds(try number(Int.self))
            case "--slow-ms": configuration.slowDelay = .milliseconds(try number(Int.self))
            case "--seed": configuration.faults.seed = try number(UInt64.self)
            case "--api-key": configuration.apiKey = try value()
            case "--strict-openai": configuration.strictOpenAI = true
            case "--scenario": configuration.scenario = try Scenario(contentsOf: try value())
            case "--fault-rate": rates.append(try FaultSchedule.parseRate(try value()))
            case "--max-in-flight":
                let limit = try number(Int.self)
                guard limit >= 1 else { throw .invalidArgument("--max-in-flight expects at least 1, got 0.") }
                configuration.maxInFlight = limit
            default: throw .invalidArgument("Unknown option \"\(flag)\"; see athanor-sim --help.")
            }
        }
        configuration.faults.rates = rates
        return configuration
    }
}
