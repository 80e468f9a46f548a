-- v0009_data_files: the data files a session read through `csv(path)` and `jsonl(path)`, kept
-- with it as they are read, so that `athanor replay` runs the same rows from any folder, whatever
-- became of the files (docs/runs.md).
--
-- A file's content is stored once per SHA-256 (`data_files`), however many sessions read it; each
-- read is a row of `session_data_files`: the session and cell that read it, the path as written and
-- as resolved, and the hash of what was read.

CREATE TABLE data_files (
    -- SHA-256 of the content's UTF-8 bytes (the file's bytes, a byte-order mark included).
    sha256     bytea       PRIMARY KEY,
    content    text        NOT NULL,
    bytes      bigint      NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE session_data_files (
    id             bigserial   PRIMARY KEY,
    session_id     bigint      NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    cell_id        bigint      REFERENCES cells (id) ON DELETE CASCADE,
    -- The path as the script wrote it (what a replay looks it up by), and the file it named then.
    path           text        NOT NULL,
    resolved_path  text        NOT NULL,
    sha256         bytea       NOT NULL REFERENCES data_files (sha256),
    read_at        timestamptz NOT NULL DEFAULT now(),
    -- A cell that reads one file twice (or a script's every cell) keeps one row for it.
    UNIQUE (session_id, cell_id, path, sha256)
);
CREATE INDEX session_data_files_sha256_idx ON session_data_files (sha256);

-- As run_results (v0003): lz4 where the server has it, else pglz.
DO $$
BEGIN
    EXECUTE 'ALTER TABLE data_files ALTER COLUMN content SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'this PostgreSQL has no lz4; data files stay pglz-compressed';
END
$$;
