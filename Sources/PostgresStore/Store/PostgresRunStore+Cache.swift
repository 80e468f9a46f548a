import AthanorCore

/// The response cache of `--cache`: the table `response_cache`, keyed by the SHA-256 (computed by
/// PostgreSQL) of a request's fingerprint.
extension PostgresRunStore: ResponseCache {
    /// The stored answer to an identical request, counting the hit; nil when there is none.
    public func cachedResponse(fingerprint: String) throws -> Completion? {
        try rows(
            """
            UPDATE response_cache SET hits = hits + 1, last_hit_at = now()
            WHERE request_hash = sha256(convert_to(\(fingerprint), 'UTF8'))
            RETURNING response
            """
        ).first.flatMap { row throws(DatabaseError) in Completion(json: try row.json(0)) }
    }

    /// Keeps a fresh answer; an answer already stored for the same request stays (first wins).
    public func storeResponse(fingerprint: String, request: CompletionRequest, completion: Completion) throws {
        var stored = completion
        stored.servedFrom = nil
        try connection.execute(
            """
            INSERT INTO response_cache (request_hash, model, request, response)
            VALUES (sha256(convert_to(\(fingerprint), 'UTF8')), \(request.model), \(request.jsonValue)::jsonb,
                    \(stored.jsonValue)::jsonb)
            ON CONFLICT (request_hash) DO NOTHING
            """)
    }
}
