-- v0003_lz4_results: large jsonb values (a result is ≈ 6–10 KB, an answer in the cache as much)
-- are compressed with lz4 instead of pglz. On this project's 2-core machine, pglz took about as
-- long as turning the row's text into jsonb; lz4 takes a fraction of that, and reads back faster.
-- Rows already stored stay as they are (both read the same). A server built without lz4 keeps
-- pglz: the change is an optimisation, never a reason to refuse a database.

DO $$
BEGIN
    EXECUTE 'ALTER TABLE run_results ALTER COLUMN value SET COMPRESSION lz4';
    EXECUTE 'ALTER TABLE response_cache ALTER COLUMN response SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error THEN
    RAISE NOTICE 'this PostgreSQL has no lz4; large values stay pglz-compressed';
END
$$;
