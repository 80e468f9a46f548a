import AthanorCore

/// The request budgets workers share (`request_budgets`, migration v0007): a token bucket per
/// server that may go into debt, so a grant is one statement that always succeeds and says how
/// long its requests must wait.
extension PostgresRunStore: RequestBudgetStore {
    public func takeRequests(endpoint: String, count: Int, rate: Double?) throws -> Double {
        guard let rate else {
            let row = try rows(
                "SELECT greatest(0, extract(epoch FROM paused_until - now())) FROM request_budgets WHERE endpoint = \(endpoint)"
            ).first
            return row.flatMap { try? $0.double(0) } ?? 0
        }
        // The bucket holds at most one second of the rate; a grant past what it holds is debt,
        // paid back by waiting.
        guard
            let row = try rows(
                """
                INSERT INTO request_budgets AS b (endpoint, rate, tokens, refilled_at)
                VALUES (\(endpoint), \(rate)::float8, \(rate)::float8 - \(count)::float8, now())
                ON CONFLICT (endpoint) DO UPDATE SET
                    rate = EXCLUDED.rate, refilled_at = now(),
                    tokens = least(EXCLUDED.rate, b.tokens + EXCLUDED.rate * extract(epoch FROM now() - b.refilled_at))
                        - \(count)::float8
                RETURNING greatest(0, -tokens / rate), coalesce(greatest(0, extract(epoch FROM paused_until - now())), 0)
                """
            ).first
        else { return 0 }
        return max(try row.double(0), try row.double(1))
    }

    public func pauseRequests(endpoint: String, seconds: Double) throws {
        try connection.execute(
            """
            INSERT INTO request_budgets AS b (endpoint, paused_until) VALUES (\(endpoint), now() + make_interval(secs => \(seconds)))
            ON CONFLICT (endpoint) DO UPDATE SET paused_until = greatest(b.paused_until, EXCLUDED.paused_until)
            """)
    }
}
