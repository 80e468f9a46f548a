import AthanorCore

/// The data files sessions read (`csv()`, `jsonl()`): the tables `data_files` (each content once,
/// by its SHA-256, computed by PostgreSQL) and `session_data_files` (who read what, under which path).
extension PostgresRunStore {
    /// One statement per file: its content (bound once) is stored unless a row has its hash, then
    /// the read is recorded unless the cell recorded it already.
    public func storeDataFiles(sessionID: Int64, cellID: Int64?, _ reads: [DataFileRead]) throws {
        for read in reads {
            try connection.execute(
                """
                WITH input AS (
                    SELECT content, sha256(convert_to(content, 'UTF8')) AS hash,
                           octet_length(convert_to(content, 'UTF8')) AS bytes
                    FROM (SELECT \(read.content)::text AS content) AS given),
                kept AS (
                    INSERT INTO data_files (sha256, content, bytes) SELECT hash, content, bytes FROM input
                    ON CONFLICT (sha256) DO NOTHING)
                INSERT INTO session_data_files (session_id, cell_id, path, resolved_path, sha256)
                SELECT \(sessionID), \(cellID), \(read.path), \(read.resolvedPath), hash FROM input
                ON CONFLICT DO NOTHING
                """)
        }
    }

    public func dataFiles(sessionID: Int64) throws -> [StoredDataFile] {
        try rows(
            """
            SELECT c.position, s.path, s.resolved_path, encode(s.sha256, 'hex'), d.content
            FROM session_data_files s
            JOIN data_files d ON d.sha256 = s.sha256
            LEFT JOIN cells c ON c.id = s.cell_id
            WHERE s.session_id = \(sessionID)
            ORDER BY s.id
            """
        ).map { row throws(DatabaseError) in
            StoredDataFile(
                cellPosition: try row.optionalInt64(0).map(Int.init),
                read: DataFileRead(
                    path: try row.string(1), resolvedPath: try row.string(2), content: try row.string(4)),
                sha256: try row.string(3))
        }
    }
}
