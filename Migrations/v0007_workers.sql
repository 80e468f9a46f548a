-- v0007_workers: a run's points drained by any number of worker processes, on any number of
-- machines, through this database (docs/workers.md).
--
-- `athanor run --enqueue` stores a run and its plan without sending anything (`queued_at`, status
-- `pending`). A worker claims a batch of its pending points with `FOR UPDATE SKIP LOCKED`: the
-- points become `sent`, held by the worker (`worker_id`) until `lease_until`, which the worker
-- pushes forward while it lives. A point whose lease ran out, or whose worker's connection is gone
-- (its advisory lock, 'AW'), goes back to `pending`; an answer is stored only while its worker still
-- holds the point, so no point is stored twice.

-- When the run was queued for workers; NULL for a run its own process sends.
ALTER TABLE experiment_runs ADD COLUMN queued_at timestamptz;

-- The worker holding a `sent` point (and, once answered, the one that stored its answer), and
-- until when its hold lasts. NULL for points a run's own process sends.
ALTER TABLE run_points ADD COLUMN worker_id bigint, ADD COLUMN lease_until timestamptz;

-- The points still to answer, in plan order: what a claim reads (`state = 'pending'`) and what
-- tells a worker whether a run is done, without walking a run's answered points each time.
CREATE INDEX run_points_open_idx ON run_points (run_id, point_index) WHERE state IN ('pending', 'sent');
-- The points workers hold: what a lease renewal and a reclaim read, however large the run.
CREATE INDEX run_points_held_idx ON run_points (worker_id) WHERE state = 'sent' AND worker_id IS NOT NULL;

-- One row per worker process: who it is and when it was last heard from.
CREATE TABLE workers (
    id          bigserial   PRIMARY KEY,
    host        text        NOT NULL,
    pid         integer     NOT NULL,
    concurrency integer     NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now(),
    stopped_at  timestamptz,
    -- Why it stopped: `finished`, `interrupted`, `lost` (its connection gone, found by another).
    stopped_because text
);

-- What each worker did for each run: what `athanor watch` shows per worker.
CREATE TABLE worker_runs (
    worker_id  bigint      NOT NULL REFERENCES workers (id) ON DELETE CASCADE,
    run_id     bigint      NOT NULL,
    joined_at  timestamptz NOT NULL DEFAULT now(),
    last_at    timestamptz NOT NULL DEFAULT now(),
    claimed    bigint      NOT NULL DEFAULT 0,
    answered   bigint      NOT NULL DEFAULT 0,
    failed     bigint      NOT NULL DEFAULT 0,
    -- Tokens and cost of what it stored, so a run's progress is summed over its workers, not its rows.
    tokens     bigint      NOT NULL DEFAULT 0,
    cost       double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, worker_id)
);

-- A request budget shared by every worker sending to one server: a token bucket refilled at `rate`
-- requests a second (NULL: no rate set), and a pause every worker honours after any one of them
-- was rate-limited. Keyed by the server's address; never by an API key.
CREATE TABLE request_budgets (
    endpoint     text             PRIMARY KEY,
    rate         double precision,
    tokens       double precision NOT NULL DEFAULT 0,
    refilled_at  timestamptz      NOT NULL DEFAULT now(),
    paused_until timestamptz
);

-- Workers' advisory locks: 'AW' in the top 16 bits.
CREATE OR REPLACE FUNCTION athanor_lock_key(kind text, id bigint) RETURNS bigint
IMMUTABLE LANGUAGE sql AS $$
    SELECT (CASE kind WHEN 'run' THEN x'4152'::bigint WHEN 'worker' THEN x'4157'::bigint ELSE x'4153'::bigint END << 48) | id
$$;
