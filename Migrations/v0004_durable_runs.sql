-- v0004_durable_runs: a run's plan is data, a run is owned by a live process, and its totals are
-- facts from rows (docs/runs.md).
--
-- run_points holds every point of a run before the first request is sent: its coordinates, what
-- rebuilds its requests without the script, and its state. run_results rows refer to their point
-- and carry the numbers that totals add up; assertion outcomes are told apart by `kind`, no
-- longer by a key prefix. The functions at the end say whether a live process owns a run.

-- No foreign key on run_id: its check, once per row, tripled the time a 100,000-point plan takes
-- to store (2 s instead of 0.7 s here). A run's points are only ever written by the process that
-- just stored the run, and they go with it (the trigger below).
CREATE TABLE run_points (
    run_id      bigint      NOT NULL,
    point_index integer     NOT NULL,
    -- A stable hash of `coordinates` (32 hex digits): what compare and replay pair points by.
    key         text        NOT NULL,
    -- The coordinates for people: `model=mini;country=France;temperature=0.7`.
    label       text        NOT NULL,
    -- {"model": …, "vars": {…}, "params": {…}, "repeat": R, "turn_models": […]}: full values.
    coordinates jsonb       NOT NULL,
    -- JSON text, read by athanor (cast it to jsonb to query it): {"turns": [{"head": N, "messages":
    -- […]}, …], "vars": [the variables' names, in order]}, where head N is the turn's model and
    -- parameters in experiment_runs.plan (with the coordinates, the exact requests). Text, not jsonb:
    -- PostgreSQL would parse every request of a 100,000-point plan for nobody.
    request     text        NOT NULL,
    state       text        NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sent', 'answered', 'failed', 'cancelled')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- Also how resume reads the points without an answer, in plan order. The key is unique by
    -- construction; no index on it, which would cost a 100,000-point plan half a second.
    PRIMARY KEY (run_id, point_index)
);

-- Who runs it (`host pid N`) and since when: the process that started or last resumed it.
-- plan: what a run's points share, stored once: {"turn_heads": [{"model": {"id", "name"},
-- "params": {…}}, …]}, which each point's request numbers.
ALTER TABLE experiment_runs ADD COLUMN owner text, ADD COLUMN owned_at timestamptz, ADD COLUMN plan jsonb;

CREATE FUNCTION athanor_delete_run_points() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM run_points WHERE run_id = OLD.id;
    RETURN OLD;
END
$$;

CREATE TRIGGER experiment_runs_delete_points AFTER DELETE ON experiment_runs
    FOR EACH ROW EXECUTE FUNCTION athanor_delete_run_points();

ALTER TABLE run_results
    ADD COLUMN kind text NOT NULL DEFAULT 'point' CHECK (kind IN ('point', 'assertion')),
    ADD COLUMN point_index integer,
    ADD COLUMN failed boolean NOT NULL DEFAULT false,
    ADD COLUMN requests integer NOT NULL DEFAULT 0,
    ADD COLUMN answered_turns integer NOT NULL DEFAULT 0,
    ADD COLUMN prompt_tokens bigint NOT NULL DEFAULT 0,
    ADD COLUMN completion_tokens bigint NOT NULL DEFAULT 0,
    ADD COLUMN cost double precision NOT NULL DEFAULT 0,
    ADD COLUMN latency_ms double precision NOT NULL DEFAULT 0;

-- Rows stored before this version: assertion outcomes lose their prefix, points get their numbers.
UPDATE run_results SET kind = 'assertion', key = substr(key, 8) WHERE key LIKE 'assert/%';

UPDATE run_results r
SET failed = (r.value->>'error') IS NOT NULL,
    point_index = CASE WHEN jsonb_typeof(r.value->'index') = 'number' THEN (r.value->>'index')::integer END,
    answered_turns = used.turns, prompt_tokens = used.prompt, completion_tokens = used.completion,
    cost = used.cost, latency_ms = used.latency, requests = used.turns
FROM run_results s
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE turn ? 'response') AS turns,
           coalesce(sum(CASE WHEN jsonb_typeof(turn->'response'->'usage'->'prompt_tokens') = 'number'
                             THEN (turn->'response'->'usage'->>'prompt_tokens')::bigint END), 0) AS prompt,
           coalesce(sum(CASE WHEN jsonb_typeof(turn->'response'->'usage'->'completion_tokens') = 'number'
                             THEN (turn->'response'->'usage'->>'completion_tokens')::bigint END), 0) AS completion,
           coalesce(sum(CASE WHEN jsonb_typeof(turn->'response'->'usage'->'cost') = 'number'
                             THEN (turn->'response'->'usage'->>'cost')::float8 END), 0) AS cost,
           coalesce(sum(CASE WHEN jsonb_typeof(turn->'response'->'latency_ms') = 'number'
                             THEN (turn->'response'->>'latency_ms')::float8 END), 0) AS latency
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.value->'turns') = 'array' THEN s.value->'turns'
                                   ELSE jsonb_build_array(s.value) END) AS turn
) AS used
WHERE r.id = s.id AND r.kind = 'point';

ALTER TABLE run_results DROP CONSTRAINT run_results_run_id_key_key;
ALTER TABLE run_results ADD CONSTRAINT run_results_run_id_kind_key UNIQUE (run_id, kind, key);

-- A run's totals, from its stored rows: right after any number of resumes.
CREATE VIEW run_totals AS
SELECT run_id,
       count(*) AS points,
       count(*) FILTER (WHERE failed) AS failures,
       sum(requests) AS requests,
       sum(answered_turns) AS answered_turns,
       sum(prompt_tokens) AS prompt_tokens,
       sum(completion_tokens) AS completion_tokens,
       sum(cost) AS cost,
       sum(latency_ms) AS latency_ms
FROM run_results
WHERE kind = 'point'
GROUP BY run_id;

-- The advisory lock a live process holds on a run or a session (session-level, so it ends with
-- the connection): 'AR' or 'AS' in the top 16 bits of a bigint key, the id below.
CREATE FUNCTION athanor_lock_key(kind text, id bigint) RETURNS bigint
IMMUTABLE LANGUAGE sql AS $$
    SELECT (CASE kind WHEN 'run' THEN x'4152'::bigint ELSE x'4153'::bigint END << 48) | id
$$;

-- Whether some connection to this database holds that lock now, seen from any connection.
CREATE FUNCTION athanor_is_owned(kind text, id bigint) RETURNS boolean
STABLE LANGUAGE sql AS $$
    SELECT EXISTS (
        SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND objsubid = 1 AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = athanor_lock_key(kind, id))
$$;

-- A stored status as people should see it: `running` with no live owner is `interrupted`. An
-- owner that took the run before the server last started may still be reconnecting (a restart is
-- not a death), so for 15 seconds after a start such a run stays `running`.
CREATE FUNCTION athanor_live_status(kind text, id bigint, status text, owned_at timestamptz) RETURNS text
STABLE LANGUAGE sql AS $$
    SELECT CASE
        WHEN status = 'running'
             AND (owned_at > pg_postmaster_start_time() OR pg_postmaster_start_time() < now() - interval '15 seconds')
             AND NOT athanor_is_owned(kind, id)
        THEN 'interrupted' ELSE status END
$$;
